# exit with a non-number is an error: status 2 and the script ends.
echo before
exit abc
echo not reached
