# Options of everyday builtins: set -a exports what is assigned, cd -P and pwd -P resolve
# symbolic links, umask -S, read -p (the prompt only goes to a terminal), $PPID.
set -a
exported=1
set +a
kept=2
env | grep -e '^exported=' -e '^kept=' || true
echo "$-" | grep -c a || true
top=$(pwd)
mkdir -p real/sub
ln -s real/sub link
cd link
pwd | sed 's|.*/||'
pwd -P | sed 's|.*/||'
cd ..
[ "$(pwd)" = "$top" ] && echo "cd .. is logical"
cd -P link
pwd -P | sed 's|.*/||'
cd -P ..
pwd -P | sed 's|.*/||'
cd -x; echo "cd -x: $?"
pwd -x; echo "pwd -x: $?"
umask 022; umask -S
umask 077; umask -S
umask 0; umask -S
echo line | { read -p 'prompt: ' v; echo "read $v"; }
[ "$PPID" -gt 0 ] && echo "PPID is a number"
[ "$(sh -c 'echo $PPID')" = "$$" ] && echo "a child's PPID is our pid"
( [ "$PPID" = "$(echo $PPID)" ] && echo "same PPID in a subshell" )
