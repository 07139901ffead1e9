# test with parentheses for grouping.
[ \( 1 -eq 2 -o 3 -eq 3 \) -a 4 -eq 4 ] && echo grouped
[ ! \( 1 -eq 1 \) ] || echo negated group
