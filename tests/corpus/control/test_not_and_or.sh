# test with ! -a -o.
[ ! -e nothing ] && echo negated
[ 1 -eq 1 -a 2 -eq 2 ] && echo and
[ 1 -eq 2 -o 2 -eq 2 ] && echo or
[ 1 -eq 2 -a 2 -eq 2 ] || echo and false
