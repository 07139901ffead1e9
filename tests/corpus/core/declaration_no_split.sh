# export, readonly and local take NAME=value arguments as assignments: no field splitting, no
# pathname expansion, tildes after = and :. Only a literal NAME= counts, and the utility may
# come from an expansion or stand behind `command`.
: > f1; : > f2
y='a   b'
HOME=/home/u
export a=$y b=~ c=x:~/d g=* "h=$y"
echo "[$a] [$b] [$c] [$g] [$h]"
readonly r=$y
echo "[$r]"
f() { local l=$y m=*; echo "[$l] [$m]"; }
f
command export i=$y
x=export
$x j=$y
echo "[$i] [$j]"
n=k
export $n=$y
echo "[$k]"
echo e=$y e=*
for w in e=$y; do echo "<$w>"; done
