# Redirections apply to a whole subshell.
( echo a; echo b ) > out
cat out
( echo err >&2 ) 2>&1 | tr e E
( cat ) < out
