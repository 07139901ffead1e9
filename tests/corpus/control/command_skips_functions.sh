# command NAME runs the builtin or program even when a function of that name exists.
echo() { printf 'function echo\n'; }
echo hi
command echo hi
ls() { printf 'function ls\n'; }
command ls -d /
unset -f echo ls
command -p true && echo ok
