# type on an unknown name says not found and returns 127.
type nosuch_rawsh_cmd 2>/dev/null
echo $?
