# After a command with 2>&1 the shell's descriptors are unchanged.
{ echo one >&2; } 2>&1 | cat
echo two 2>/dev/null
{ echo three; } 2>&1
