# A command killed by a signal gives 128 + the signal number.
sleep 10 &
kill -KILL $!
wait $!
echo $?
