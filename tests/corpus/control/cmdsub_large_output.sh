# Output larger than a pipe buffer is read whole.
x=$(seq 1 20000)
echo "$x" | wc -l
echo "$x" | tail -n 1
