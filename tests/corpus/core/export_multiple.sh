# export takes several names and assignments at once.
A=a
export A B=b C
C=c
env | grep '^[ABC]=' | sort
