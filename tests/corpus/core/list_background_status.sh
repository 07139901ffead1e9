# The status of & itself is 0; wait PID returns the job's status.
(exit 3) &
echo $?
wait $!
echo $?
