# trap on EXIT: runs once when the shell ends, with $? the exit status; `exit N` inside it
# sets the status; a subshell has its own and does not inherit the parent's.
trap 'echo "exit trap, status $?"' EXIT
(trap 'echo subshell exit' EXIT; echo in subshell)
echo "subshell: $?"
x=$(trap 'echo from substitution' EXIT; echo body)
echo "[$x]"
f() { trap 'echo set in a function' EXIT; }
f
trap
false
