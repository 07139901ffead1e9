# Variables in the shell's starting environment are exported; HOME and PATH exist.
[ -n "$PATH" ] && echo has path
printenv LC_ALL
printenv PATH >/dev/null && echo path exported
