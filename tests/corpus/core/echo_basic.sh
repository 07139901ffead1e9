# echo joins its arguments with one space and ends with a newline.
echo a b c
echo
echo ''
echo 'x' "y" z
