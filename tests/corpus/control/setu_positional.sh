# set -u allows $@ and $* with no parameters, but not an unset $1.
set -u
set --
echo "[$@]" "[$*]" $#
echo $1
echo not reached
