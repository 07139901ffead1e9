# $1..$9, $# and ${10} reflect set -- arguments.
set -- a b c d e f g h i j k
echo $1 $2 $9 $#
echo ${10} ${11}
echo $10
