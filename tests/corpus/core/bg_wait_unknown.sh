# wait on a pid that is not a child returns 127.
wait 1 2>/dev/null
echo $?
