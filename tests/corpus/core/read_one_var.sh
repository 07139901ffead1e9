# read into one variable strips leading and trailing blanks only.
printf '  lead  inner  \n' > f
read v < f
echo "[$v]"
