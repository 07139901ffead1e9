# break inside a case inside a loop leaves the loop.
for i in 1 2 3 4; do
  case $i in 3) break;; esac
  echo $i
done
echo out
