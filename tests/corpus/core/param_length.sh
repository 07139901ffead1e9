# ${#VAR} is the length of the value.
A=hello; E=
echo ${#A} ${#E} ${#UNSET}
set -- a b c
echo ${#}
