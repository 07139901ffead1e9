# & runs a command in the background; wait waits for it.
echo bg > out &
wait
cat out
