# Assignments on one line happen left to right.
A=1 B=$A C=$B
echo $A $B $C
