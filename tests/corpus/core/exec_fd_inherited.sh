# A descriptor opened by exec is inherited by children.
exec 5>f
printf 'from child\n' | cat >&5
exec 5>&-
cat f
