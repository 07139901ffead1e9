# set -u makes expanding an unset variable an error (status 2).
set -u
v=ok
echo $v
echo $u
echo not reached
