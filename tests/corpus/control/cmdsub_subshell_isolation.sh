# Command substitution runs in a subshell: its assignments do not leak.
v=out
x=$(v=in; echo $v)
echo $x $v
