# cd inside a subshell does not move the parent shell.
mkdir sub
top=$PWD
(cd sub; pwd | sed 's|.*/||')
[ "$PWD" = "$top" ] && echo unchanged
