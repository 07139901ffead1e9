# command -v says how a name would be found; an unknown name is status 127 and no output.
f() { :; }
command -v f
command -v cd
command -v sh | grep -c /
command -v no_such_command_here
echo "status $?"
