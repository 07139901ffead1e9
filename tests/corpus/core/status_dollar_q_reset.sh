# $? reflects each command in turn, including echo itself.
false
echo $?
echo $?
