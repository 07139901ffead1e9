# 2>&1 before a pipe puts stderr into the pipe; after >/dev/null only stderr remains.
{ echo out; echo err >&2; } 2>&1 >/dev/null | tr a-z A-Z
