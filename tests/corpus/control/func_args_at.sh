# "$@" inside a function expands the function's arguments.
f() { for a in "$@"; do echo "<$a>"; done; }
f 'x y' '' z
