# The script's status is the failing command's status.
set -e
(exit 5)
echo not reached
