# $$ is a number and the same in a subshell.
a=$$
b=$(echo $$)
[ "$a" = "$b" ] && echo same
case $a in *[!0-9]*|'') echo bad;; *) echo numeric;; esac
