# Double quotes keep blanks, expand $, keep single quotes literal.
X=val
echo "a  b $X"
echo "it's ${X}ue"
printf '[%s]\n' "" "  "
