# Quoting an empty variable keeps test's argument count right.
e=
[ -z "$e" ] && echo empty
[ "$e" = "" ] && echo equal empty
[ -n "$e" ] || echo not nonempty
