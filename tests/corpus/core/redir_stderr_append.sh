# 2>> appends stderr.
{ echo e1 >&2; } 2>>log
{ echo e2 >&2; } 2>>log
cat log
