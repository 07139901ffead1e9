# Backticks work like $(...).
echo `echo back`
x=`printf 'x y'`
echo "[$x]"
