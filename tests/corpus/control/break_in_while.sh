# break and continue in while and until loops.
i=0
while true; do
  i=$((i+1))
  [ $i -eq 2 ] && continue
  [ $i -gt 4 ] && break
  echo w$i
done
until false; do echo u; break; done
