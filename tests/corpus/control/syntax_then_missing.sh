# if without then is a syntax error.
echo before
if true; echo x; fi
echo not reached
