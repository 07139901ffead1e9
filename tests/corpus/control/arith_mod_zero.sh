# Remainder by zero is an error too.
echo before
x=$((5 % 0))
echo not reached
