# Quoted or backslashed pattern characters do not glob.
touch a b
echo "*" '*' \*
echo "a"* 
v='*'
echo "$v"
