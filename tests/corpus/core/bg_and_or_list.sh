# & applies to a whole and-or list.
false && echo no > f1 || echo yes > f2 &
wait
cat f2
[ -e f1 ] || echo f1 missing
