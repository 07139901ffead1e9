# A caught signal interrupts `wait` (status 128 + N) and the trap runs at once; a foreground
# command is waited for first. `read` runs the trap and reads on.
trap 'echo "got USR1"' USR1
sleep 3 &
long=$!
(sleep 0.8; kill -USR1 $$) &
wait
echo "wait: $?"
kill $long
wait $long
echo "killed: $?"
(sleep 0.2; kill -USR1 $$) & sleep 0.6
echo "sleep: $?"
(sleep 0.2; kill -USR1 $$; sleep 0.3; echo line) | { read x; echo "read: $x"; }
