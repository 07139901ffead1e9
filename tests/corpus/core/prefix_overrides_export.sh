# A prefix assignment overrides an exported value for the child only.
export V=outer
V=inner env | grep '^V='
env | grep '^V='
echo $V
