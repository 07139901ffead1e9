# A function gets its own positional parameters; the caller's come back afterwards.
set -- outer1 outer2
f() { echo "$# [$1] [$2]"; }
f a 'b c'
f
echo "$# $1"
