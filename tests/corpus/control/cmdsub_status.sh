# The status of an assignment is that of its last command substitution.
x=$(false)
echo $?
x=$(exit 7)
echo $?
x=$(true)$(exit 3)
echo $?
