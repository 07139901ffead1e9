# Recursion 200 levels deep works.
n=0
down() { n=$((n+1)); [ $1 -gt 0 ] && down $(($1 - 1)); }
down 200
echo $n
