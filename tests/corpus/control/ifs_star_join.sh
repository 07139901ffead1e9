# "$*" joins with the first character of IFS.
set -- a b c
IFS=,
echo "$*"
IFS=
echo "$*"
IFS=' :'
echo "$*"
