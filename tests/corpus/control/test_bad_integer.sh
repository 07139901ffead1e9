# A non-integer in an integer comparison is an error with status 2.
[ abc -eq 1 ] 2>/dev/null
echo $?
