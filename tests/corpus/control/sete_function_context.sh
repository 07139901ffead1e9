# set -e does not apply inside a function called in a || list.
set -e
f() { false; echo in f; }
f || echo f failed
echo after f
f
echo done
