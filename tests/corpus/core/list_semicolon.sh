# ; runs commands in sequence; the list's status is the last one's.
false; true; echo $?
true; false
echo $?
