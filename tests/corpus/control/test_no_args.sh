# test with no arguments is false; one argument is true when non-empty.
test
echo $?
[ ]
echo $?
[ -n ]
echo $?
