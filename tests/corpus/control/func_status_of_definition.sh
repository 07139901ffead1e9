# Defining a function has status 0.
false
f() { false; }
echo $?
