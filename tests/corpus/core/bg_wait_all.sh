# wait with no arguments waits for every background job.
echo one > a &
echo two > b &
echo three > c &
wait
cat a b c
