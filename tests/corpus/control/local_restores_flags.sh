# A local variable gets back all it was when the function returns: value, export, and not
# readonly if it was made so inside.
f() { local x=1; readonly x; echo "in $x"; }
f; x=2; echo "after $x"
y=0; export y
g() { local y=1; echo "g $y"; }
g; echo "y $y"; sh -c 'echo "env $y"'
h() { local z; z=5; }
h; echo "[${z-unset}]"
# `local -`: options set in the function end with it.
set -e
k() { local -; set +e -f; false; echo "k $-"; }
k; echo "after k $-"
m() { set -u; }
m; echo "after m $-"
