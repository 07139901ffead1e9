# A script whose last command is not found exits 127.
echo before
no_such_cmd_rawsh_at_end 2>/dev/null
