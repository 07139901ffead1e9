# With IFS unset, splitting behaves as the default.
v='a b	c'
unset IFS
set -- $v
echo $#
