# Division by zero is an error: status 2 and the script stops.
echo before
echo $((1 / 0))
echo not reached
