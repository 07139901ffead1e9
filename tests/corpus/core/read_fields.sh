# read splits on IFS; the last variable gets the rest of the line.
printf 'a  b   c d\n' > f
read x y < f
echo "[$x][$y]"
read x y z w v < f
echo "[$x][$y][$z][$w][$v]"
