# cd updates $PWD and $OLDPWD.
mkdir -p x/y
start=$PWD
cd x/y
echo "$PWD" | sed 's|.*/x/|x/|'
[ "$OLDPWD" = "$start" ] && echo oldpwd ok
