# $(...) is replaced by the command's output.
echo "[$(echo hello)]"
x=$(printf 'a b')
echo "[$x]"
echo $(echo one) $(echo two)
