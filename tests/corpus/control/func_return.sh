# return N sets the function's status and ends it.
f() { echo in; return 3; echo never; }
f
echo $?
g() { return; }
false
g
echo $?
