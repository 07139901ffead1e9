# cd to a regular file fails and the script goes on.
: > file
cd file 2>/dev/null
echo status $?
echo still running
