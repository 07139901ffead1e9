# A script without #! found through PATH runs too.
mkdir bin
printf 'echo hello from $1\n' > bin/hi
chmod +x bin/hi
PATH=$PWD/bin:$PATH
hi path
