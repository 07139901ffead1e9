# $- lists the options in dash's order; set -n (noexec) reads the rest without running it.
set -eu; echo "$-"
set +eu -aCf; echo "$-"
set +aCf -x 2>/dev/null; echo "$-"; set +x 2>/dev/null
echo before
set -n
echo not run
if then fi
