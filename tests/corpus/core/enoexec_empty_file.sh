# An empty executable file runs as an empty script with status 0.
: > empty
chmod +x empty
./empty
echo $?
