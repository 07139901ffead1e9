# A stray fi is a syntax error.
echo before
fi
echo not reached
