# set -- replaces the positional parameters.
set -- a b c
echo $# $1 $3
set --
echo $#
set -- 'one two'
echo $# "$1"
