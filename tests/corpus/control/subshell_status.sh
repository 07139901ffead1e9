# The status of ( ) is the last command's.
( true; false )
echo $?
( exit 42 )
echo $?
