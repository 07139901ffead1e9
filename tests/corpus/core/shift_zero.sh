# shift 0 changes nothing; shift of the last parameter leaves none.
set -- a
shift 0
echo $# $1
shift
echo $#
