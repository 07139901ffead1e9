# unset -v removes a variable; unset -v on a name that was never set succeeds.
v=1
unset -v v
echo "[$v]" $?
unset -v never_set_rawsh
echo $?
