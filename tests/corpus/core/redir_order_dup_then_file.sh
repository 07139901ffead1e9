# 2>&1 >f points stderr at the old stdout, then stdout at f.
{ echo out; echo err >&2; } 2>&1 >f
echo --
cat f
