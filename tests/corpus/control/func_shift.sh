# shift inside a function shifts the function's parameters.
f() { shift; echo "$@"; shift 2; echo "$@"; }
f 1 2 3 4 5
