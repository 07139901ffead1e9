# A line of only assignments has status 0, or the status of a command substitution in it.
false
A=1
echo $?
B=$(exit 5)
echo $?
