# A number directly before > is a descriptor; separated it is an argument.
echo 2 >f
cat f
echo a 2>f
cat f
