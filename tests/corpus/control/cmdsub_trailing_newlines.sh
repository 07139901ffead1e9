# All trailing newlines are removed, inner ones kept.
x=$(printf 'a\n\nb\n\n\n')
echo "[$x]"
y=$(printf '\n\n')
echo "[$y]"
