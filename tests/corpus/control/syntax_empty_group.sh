# An empty { } group is a syntax error.
echo before
{ }
echo not reached
