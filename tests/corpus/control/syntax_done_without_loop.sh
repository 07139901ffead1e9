# done without a loop is a syntax error; the line with it does not run.
echo before
echo same line; done
echo not reached
