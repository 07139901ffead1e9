# A pipeline's status is the status of its last command.
false | true; echo $?
true | false; echo $?
true | (exit 4); echo $?
