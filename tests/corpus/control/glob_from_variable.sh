# An unquoted variable holding a pattern is globbed after expansion.
touch x1 x2 y1
p='x*'
echo $p
for f in $p; do echo "<$f>"; done
