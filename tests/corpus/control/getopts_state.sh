# getopts keeps its place in OPTIND (past the current word inside a group), sets OPTARG to
# "" for an option without argument, reports unknown options and missing arguments (silently
# with a leading `:`), and starts over when OPTIND is assigned; each function starts at 1.
while getopts ab:c o -a -b x -cab y -- z; do echo "$o [${OPTARG-unset}] $OPTIND"; done
echo "end [$o] $OPTIND $?"
OPTIND=1
getopts :ab: o -z; echo "$? [$o] [${OPTARG-unset}] $OPTIND"
OPTIND=1
getopts :ab: o -b; echo "$? [$o] [${OPTARG-unset}] $OPTIND"
OPTIND=1
getopts ab: o -b; echo "$? [$o] [${OPTARG-unset}] $OPTIND"
OPTIND=1
getopts ab o x -a; echo "$? [$o] $OPTIND"
set -- -x -y
OPTIND=1
getopts xy o; OPTIND=2; getopts xy o; echo "[$o] $OPTIND"
f() { while getopts x o; do echo "f $o"; done; echo "f OPTIND $OPTIND"; }
f -x
f -x -x
getopts; echo "no operands: $?"
getopts a 1bad -a; echo "bad name: $?"
