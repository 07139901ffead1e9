# break inside a loop inside a function affects only that loop.
f() {
  for i in 1 2 3; do [ $i = 2 ] && break; echo f$i; done
  echo f done
}
for j in a b; do f; echo $j; done
