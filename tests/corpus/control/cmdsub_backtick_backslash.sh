# Inside backticks, \$ \` and \\ lose the backslash before the inner command runs.
x=val
echo `echo \$x`
echo `echo '\$x'`
printf '%s\n' "`printf '%s\n' 'a\\b'`"
