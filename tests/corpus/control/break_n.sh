# break 2 leaves two enclosing loops.
for a in 1 2 3; do
  for b in x y z; do
    [ $b = y ] && [ $a = 2 ] && break 2
    echo $a$b
  done
done
echo out
