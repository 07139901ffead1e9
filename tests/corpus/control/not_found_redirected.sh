# "not found" goes where the command's stderr goes: after its redirections and into its
# pipeline, as dash's child says it (also for a path execve fails on); a failing
# redirection is reported first.
nosuch_cmd_xyz 2>/dev/null; echo "quiet: $?"
nosuch_cmd_xyz 2>/dev/null || echo fallback
nosuch_cmd_xyz 2>&1 | sed 's/.*: //'
x=$(nosuch_cmd_xyz 2>&1); echo "${x##*: }"
{ nosuch_cmd_xyz; } 2>/dev/null; echo "group: $?"
nosuch_cmd_xyz > /nonexistent/dir/f 2>/dev/null; echo "redirection first: $?"
/nonexistent/dir/cmd 2>/dev/null; echo "path quiet: $?"
/nonexistent/dir/cmd 2>&1 | sed 's/.*: //'
printf 'echo hi\n' > notexec; chmod -x notexec
./notexec 2>/dev/null; echo "not executable: $?"
echo x | /nonexistent/dir/cmd 2>/dev/null | cat; echo "in a pipeline: $?"
