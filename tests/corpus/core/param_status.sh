# $? is the status of the last command.
true; echo $?
false; echo $?
(exit 3); echo $?
echo $?
