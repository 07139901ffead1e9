# set -- inside a function changes only the function's parameters.
set -- a b
f() { set -- x y z; echo $#; }
f
echo $# $1
