# A non-executable file earlier in PATH is skipped for an executable one later.
mkdir b1 b2
printf 'echo b1\n' > b1/c
printf 'echo b2\n' > b2/c
chmod +x b2/c
PATH=$PWD/b1:$PWD/b2:/usr/bin:/bin
c
echo $?
