# continue skips to the next iteration.
for i in 1 2 3 4; do
  [ $i -eq 2 ] && continue
  echo $i
done
