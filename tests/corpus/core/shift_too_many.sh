# shift beyond $# is an error that ends the script with status 2.
set -- a
shift 2
echo not reached
