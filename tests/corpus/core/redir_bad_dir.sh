# An output file in a missing directory fails the command and the script goes on.
echo x > nodir/f 2>/dev/null
echo status $?
cat nodir/f 2>/dev/null || echo no file
