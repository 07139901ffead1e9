# [ without a closing ] is an error with status 2.
[ 1 -eq 1
echo $?
[ 1 -eq 1 ]
echo $?
