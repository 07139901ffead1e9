# $0 is not changed by calling a function; $# and $1 are.
f() { [ "$0" = "$saved" ] && echo same zero; echo $#; }
saved=$0
f a b c
