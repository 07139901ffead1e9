# exec of a missing command exits the shell with 127.
echo before
exec nosuch_rawsh_cmd 2>/dev/null
echo not reached
