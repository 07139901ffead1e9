# Functions call each other and pass arguments along.
inner() { echo "inner got $*"; }
outer() { inner "$@" extra; }
outer a b
