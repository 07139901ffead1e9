# The loop variable keeps its last value after the loop.
for i in 1 2 3; do :; done
echo $i
