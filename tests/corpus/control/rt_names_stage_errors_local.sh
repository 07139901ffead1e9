# Only the real-time names kill -l shows are signal names; a bad substitution in a pipeline
# stage or background command fails that process only; local is special (its prefix
# assignments stay); command -- export takes NAME=value as an assignment.
kill -s RTMAX-40 $$ 2>/dev/null; echo "kill $?"
trap 'echo x' RTMIN+16 2>/dev/null; echo "trap $?"
/bin/echo ${x:1} 2>/dev/null | cat; echo "pipeline $?"
/bin/echo ${x:1} 2>/dev/null & wait; echo "background"
f() { x=5 local y; }
f; echo "[$x]"
v="a  b"
command -- export w=$v
echo "[$w]"
