# exec N>file keeps N open for the rest of the script; N>&- closes it.
exec 4>f
echo a >&4
echo b >&4
exec 4>&-
cat f
echo c >&4 2>/dev/null || echo closed
