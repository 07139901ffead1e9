# $? is 127 after a command that is not found, 126 after a non-executable file.
nosuchcommand_rawsh_test 2>/dev/null
echo $?
printf 'echo hi\n' > noexec
./noexec 2>/dev/null
echo $?
