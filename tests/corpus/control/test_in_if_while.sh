# test as the condition of if and while.
n=3
if [ $n -gt 2 ]; then echo big; fi
while [ $n -gt 0 ]; do n=$((n - 1)); done
echo $n
