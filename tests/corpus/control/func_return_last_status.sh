# return without N, and falling off the end, use the last command's status.
f() { false; return; }
f; echo $?
g() { (exit 5); }
g; echo $?
h() { true; }
h; echo $?
