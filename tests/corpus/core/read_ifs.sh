# read splits on a custom IFS given as a prefix assignment.
printf '1:2:3:4\n' > f
IFS=: read a b c < f
echo "$a|$b|$c"
printf '[%s]\n' "$IFS"
