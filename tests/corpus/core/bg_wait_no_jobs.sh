# wait with no jobs returns 0 at once.
wait
echo $?
