# break N larger than the nesting depth leaves all loops.
for a in 1 2; do
  for b in 1 2; do
    echo $a$b
    break 5
  done
done
echo end
