# A command name with a slash is not searched in PATH.
mkdir bin
printf 'echo in bin\n' > bin/x
chmod +x bin/x
PATH=$PWD/bin:$PATH
./x 2>/dev/null
echo $?
bin/x
