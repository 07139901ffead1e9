# Variables set in a function are global (no local needed).
f() { V=set_in_f; }
f
echo $V
g() { echo "sees $W"; }
W=global
g
