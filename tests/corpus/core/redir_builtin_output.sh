# Builtins honour redirections and the shell's stdout is restored after.
echo a > f
pwd > p
echo b >> f
cat f
[ -s p ] && echo pwd wrote
