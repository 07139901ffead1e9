# cd through a symlink is logical: pwd and $PWD show the link, cd .. goes back over it.
mkdir -p real/sub
ln -s real/sub link
top=$PWD
cd link
pwd | sed 's|.*/||'
echo "$PWD" | sed 's|.*/||'
cd ..
[ "$PWD" = "$top" ] && echo back at top
