# A variable that is not a number is an error in arithmetic.
x=abc
echo before
echo $((x + 1))
echo not reached
