# The right side of an assignment is neither split nor globbed.
: > f1; : > f2
S='a   b'
T=$S
U=*
echo "$T" "$U"
