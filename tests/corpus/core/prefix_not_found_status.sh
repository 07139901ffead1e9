# A prefix assignment with a missing command still gives 127.
V=1 nosuch_command_rawsh 2>/dev/null
echo $?
echo "[$V]"
