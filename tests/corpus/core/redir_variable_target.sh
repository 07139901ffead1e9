# The redirection target is expanded but not split.
F=out
N='with space'
echo one > $F
echo two > "$N"
echo three > $N
cat out "with space"
