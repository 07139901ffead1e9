# Quoted expansions are never split.
IFS=:
v=a:b
set -- "$v"
echo $#
