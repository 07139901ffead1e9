# Several prefix assignments all reach the child.
A=1 B=2 C=3 env | grep '^[ABC]=' | sort
echo "[$A$B$C]"
