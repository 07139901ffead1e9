# type reports the path of a command found in PATH.
mkdir bin
printf 'echo mine\n' > bin/mycmd
chmod +x bin/mycmd
PATH=bin:$PATH
type mycmd
mycmd
