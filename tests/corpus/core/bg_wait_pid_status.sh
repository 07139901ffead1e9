# wait PID returns that job's exit status.
(exit 7) &
p=$!
wait $p
echo $?
false &
wait $!
echo $?
