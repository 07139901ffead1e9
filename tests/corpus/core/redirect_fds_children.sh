# An external command's redirections see only the script's descriptors: the shell's own (the
# pipe a child reports a failed exec through) are out of reach of 3..9, so naming an unopened
# descriptor fails and redirecting one that the shell happens to use works.
echo data > f
ls -d / 4>/dev/null; echo "status $?"
ls -d / 3>/dev/null 4>/dev/null 5>/dev/null; echo "status $?"
/bin/echo lost >&4; echo "status $?"
/bin/echo lost >&3; echo "status $?"
cat <&3 3<f; echo "status $?"
cat 4<f <&4; echo "status $?"
exec 3>/dev/null
ls -d / 5>/dev/null; echo "status $?"
ls -d . 4>&1 & wait $!; echo "status $?"
/bin/sh -c 'echo in child >&4' 4>&1; echo "status $?"
