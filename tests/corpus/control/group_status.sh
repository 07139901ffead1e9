# The status of a group is its last command's status.
{ true; false; }
echo $?
{ false; true; }
echo $?
