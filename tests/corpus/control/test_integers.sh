# test compares integers with -eq -ne -lt -le -gt -ge.
[ 3 -eq 3 ] && echo eq
[ 3 -ne 4 ] && echo ne
[ -2 -lt 1 ] && echo lt
[ 2 -le 2 ] && echo le
[ 10 -gt 9 ] && echo gt
[ 9 -ge 10 ] || echo not ge
