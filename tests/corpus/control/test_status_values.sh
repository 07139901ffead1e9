# test returns 0, 1, or 2 for errors.
[ a = a ]; echo $?
[ a = b ]; echo $?
[ 1 -gt ] 2>/dev/null; echo $?
