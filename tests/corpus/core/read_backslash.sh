# read without -r joins backslash-newline; read -r keeps backslashes.
printf 'a\\\nb\n' > f
read v < f
echo "[$v]"
read -r v < f
echo "[$v]"
printf 'x\\y\n' > g
read v < g
echo "[$v]"
