# "not found" goes where the command's stderr goes: after its redirections and into its
# pipeline, as dash's child says it; a failing redirection is reported first.
nosuch_cmd_xyz 2>/dev/null; echo "quiet: $?"
nosuch_cmd_xyz 2>/dev/null || echo fallback
nosuch_cmd_xyz 2>&1 | sed 's/.*: //'
x=$(nosuch_cmd_xyz 2>&1); echo "${x##*: }"
{ nosuch_cmd_xyz; } 2>/dev/null; echo "group: $?"
nosuch_cmd_xyz > /nonexistent/dir/f 2>/dev/null; echo "redirection first: $?"
