# An empty IFS disables field splitting.
IFS=
v='a b c'
set -- $v
echo $#
