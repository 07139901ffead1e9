# export NAME=value puts the variable into children's environment.
export EX1=one
env | grep '^EX1='
EX2=two
export EX2
env | grep '^EX2='
