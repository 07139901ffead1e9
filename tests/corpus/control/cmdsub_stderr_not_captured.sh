# Only stdout is captured.
x=$(echo out; echo err >&2)
echo "[$x]"
y=$( { echo out; echo err >&2; } 2>&1)
echo "$y" | sort
