# A job killed by a signal gives 128+signal from wait.
sleep 10 &
kill -TERM $!
wait $!
echo $?
