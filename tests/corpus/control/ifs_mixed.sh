# Whitespace around a non-whitespace IFS character is part of one delimiter.
IFS=' :'
v='a : b  c:d'
set -- $v
echo $#
printf '[%s]' "$@"
echo
