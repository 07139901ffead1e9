# Words of for are expanded and split.
L='x y z'
for v in $L "$L"; do echo "[$v]"; done
set -- p q
for v in "$@" end; do echo $v; done
