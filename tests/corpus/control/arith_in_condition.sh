# Arithmetic results used in test and loops.
i=0 sum=0
while [ $((i < 10)) -eq 1 ]; do sum=$((sum + i)); i=$((i + 1)); done
echo $sum
[ $((3 * 3)) -eq 9 ] && echo nine
