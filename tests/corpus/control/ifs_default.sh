# Default IFS splits on space, tab and newline and drops empty fields.
v='  a  b	c
d  '
set -- $v
echo $#
printf '[%s]\n' "$@"
