# set -- with no words clears the positional parameters.
set -- a b c
set --
echo $#
set -- -x -e
echo "$1 $2"
