# `command` takes a special builtin's special properties away: its errors are a status, not
# the end of the script; a regular builtin's errors never end it. A function's break and
# continue do not reach its caller's loops.
command shift 5; echo "shift $?"
readonly r=1
command eval 'r=2'; echo "eval $?"
command export r=3 2>/dev/null; echo "export $?"
command . /nonexistent 2>/dev/null; echo "dot $?"
command set -o bogus 2>/dev/null; echo "set $?"
read r <<EOF 2>/dev/null
x
EOF
echo "read $? r=$r"
wait x 2>/dev/null; echo "wait $?"
f() { break; }
for i in 1 2; do f; echo "loop $i"; done
g() { for j in a b; do continue 3; echo no; done; echo "g done"; }
for i in 1 2; do g; echo "outer $i"; done
h() { for k in x; do break 2; done; echo "h after"; }
h
command exit 3
echo not reached
