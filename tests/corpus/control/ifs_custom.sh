# A custom IFS splits unquoted expansions on its characters.
v=a:b:c
IFS=:
set -- $v
echo $#
IFS=' '
echo "$1 $2 $3"
