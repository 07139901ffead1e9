# set with plain words also sets the positional parameters.
set x y z
echo $# $2
