# Successive reads from an exec'd stdin consume lines in order.
printf 'l1\nl2\nl3\n' > f
exec < f
read a; read b; read c
echo $c $b $a
read d
echo $?
