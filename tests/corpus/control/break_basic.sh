# break leaves the innermost loop.
for i in 1 2 3 4 5; do
  [ $i -eq 3 ] && break
  echo $i
done
echo after $i
