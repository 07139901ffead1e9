# shift N drops N parameters.
set -- 1 2 3 4 5 6
shift 2
echo $@
shift 3
echo $@ $#
shift 1
echo $#
