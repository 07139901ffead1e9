# ( ) runs in a subshell: variable changes, cd and exit stay inside.
V=outer
( V=inner; echo $V )
echo $V
mkdir d
top=$PWD
( cd d; echo in subshell; exit 3 )
echo status $?
[ "$PWD" = "$top" ] && echo cwd unchanged
