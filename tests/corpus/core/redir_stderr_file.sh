# 2> sends stderr to a file, leaving stdout alone.
{ echo out; echo err >&2; } 2> e
echo --
cat e
