# A malformed expression is an error with status 2.
echo before
echo $((1 +))
echo not reached
