# Only stdout goes into a pipe; stderr is separate unless redirected.
{ echo out; echo err >&2; } 2>/dev/null | cat
{ echo out; echo err >&2; } 2>&1 | sort
