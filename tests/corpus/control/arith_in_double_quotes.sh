# $((...)) inside double quotes expands to one field.
x=4
echo "$((x * 2))" "[$((x - 4))]"
set -- "$((x + 1))"
echo $# $1
