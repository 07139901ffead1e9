# Unbounded recursion is stopped with an error (status 2) instead of crashing.
f() { f; }
echo before
f
echo not reached
