# The condition list may change variables each round.
n=3
while n=$((n - 1)); [ $n -ge 0 ]; do echo n=$n; done
