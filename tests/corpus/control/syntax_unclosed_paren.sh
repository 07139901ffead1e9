# An unclosed ( is a syntax error.
echo before
( echo inner
echo not reached
