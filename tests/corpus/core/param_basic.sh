# $VAR and ${VAR} expand, unset variables expand to nothing.
A=hello
echo $A ${A} "$A"x ${A}x
echo [$UNSET_THING]
unset A
echo [$A]
