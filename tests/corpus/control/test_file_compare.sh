# test -nt -ot compare modification times; -ef tests the same file.
echo a > old
touch -d '2000-01-01 00:00:00' old
echo b > new
[ new -nt old ] && echo newer
[ old -ot new ] && echo older
ln old hard
[ old -ef hard ] && echo same file
