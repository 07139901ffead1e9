# exec 2>/dev/null silences later errors but not stdout.
exec 2>/dev/null
echo x >&2
nosuch_cmd_rawsh
echo status $?
