# >f 2>&1 sends both stdout and stderr into f.
{ echo out; echo err >&2; } >f 2>&1
sort f
