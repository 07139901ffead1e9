# An executable file without #! is run as a shell script with its arguments.
printf 'echo script got $# args: $1 $2\nexit 3\n' > s
chmod +x s
./s one two
echo status $?
