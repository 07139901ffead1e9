# Non-whitespace IFS characters delimit empty fields.
IFS=:
v='a::b:'
set -- $v
echo $#
for f in "$@"; do printf '[%s]' "$f"; done
echo
