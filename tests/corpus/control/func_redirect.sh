# Redirections on a function definition apply at each call.
f() { echo in f; } > out
f
f
cat out
g() { echo err >&2; } 2>&1
g | tr a-z A-Z
