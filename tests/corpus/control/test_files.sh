# test checks files: -e -f -d -s -r -w -x -L.
: > empty
echo data > full
mkdir dir
printf 'echo\n' > prog
chmod +x prog
ln -s full link
[ -e full ] && echo exists
[ -f full ] && [ ! -f dir ] && echo regular
[ -d dir ] && [ ! -d full ] && echo directory
[ -s full ] && [ ! -s empty ] && echo size
[ -x prog ] && [ ! -x full ] && echo executable
[ -L link ] && [ ! -L full ] && echo symlink
[ -h link ] && echo symlink h
[ -r full ] && [ -w full ] && echo read write
[ -e missing ] || echo missing
