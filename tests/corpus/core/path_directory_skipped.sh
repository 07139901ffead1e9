# A directory with the command's name in PATH is skipped.
mkdir -p b1/c b2
printf 'echo file c\n' > b2/c
chmod +x b2/c
PATH=$PWD/b1:$PWD/b2:/usr/bin:/bin
c
