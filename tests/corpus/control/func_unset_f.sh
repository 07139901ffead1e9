# unset -f removes a function; calling it afterwards is "not found" (127).
f() { echo in f; }
f
unset -f f
f 2>/dev/null
echo $?
