# $# counts script arguments and is 0 when none are given.
echo $#
set -- x y
echo $#
