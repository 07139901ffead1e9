# : still performs its redirections and expands its arguments.
: > created
[ -e created ] && echo created
: $(echo hidden) "$UNSET" ; echo $?
