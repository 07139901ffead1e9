# PATH is searched left to right; the first executable wins.
mkdir b1 b2
printf 'echo from b1\n' > b1/cmd
printf 'echo from b2\n' > b2/cmd
chmod +x b1/cmd b2/cmd
PATH=$PWD/b1:$PWD/b2:$PATH
cmd
PATH=$PWD/b2:$PWD/b1:/usr/bin:/bin
cmd
