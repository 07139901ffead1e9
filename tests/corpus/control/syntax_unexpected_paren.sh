# A ) with no ( is a syntax error.
echo before
echo a )
echo not reached
