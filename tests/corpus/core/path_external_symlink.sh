# A symlink to a system program in PATH runs that program with our arguments.
mkdir bin
ln -s /bin/echo bin/myecho
PATH=$PWD/bin:$PATH
myecho via symlink
