# Changing PATH changes which command runs, even after a first lookup.
mkdir b1 b2
printf 'echo one\n' > b1/c
printf 'echo two\n' > b2/c
chmod +x b1/c b2/c
PATH=$PWD/b1:/usr/bin:/bin
c
PATH=$PWD/b2:/usr/bin:/bin
c
