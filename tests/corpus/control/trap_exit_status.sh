# An EXIT trap's own `exit N` wins; without one the shell keeps its status. set -e and an
# error both run the trap.
( trap 'echo bye; exit 7' EXIT; exit 3 ); echo "status $?"
( trap 'echo bye' EXIT; exit 3 ); echo "status $?"
( trap 'false' EXIT; true ); echo "status $?"
( set -e; trap 'echo errexit' EXIT; false; echo not reached ); echo "status $?"
( trap 'echo one' EXIT; trap 'echo two' EXIT ); echo "status $?"
( trap 'echo never' EXIT; trap - EXIT ); echo "status $?"
( trap 'echo never' 0; trap 0 ); echo "status $?"
( trap 'echo not after exec' EXIT; exec true ); echo "status $?"
