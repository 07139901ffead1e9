# cd and pwd keep the shell's own logical directory, not $PWD as a script may set it; a
# logical `..` that does not exist is an error (no fallback to the physical path); cd with no
# HOME, or cd - with no OLDPWD, stays; pwd after the directory is removed still shows it.
base=$(pwd -P)
mkdir -p x/y a/b
ln -s a/b l
cd x/y
PWD=/usr/bin
cd ..
pwd | sed "s|^$base|.|"
PWD=junk
cd ..
pwd | sed "s|^$base|.|"
cd l
pwd | sed "s|^$base|.|"
cd ../b; echo "status $?"
cd -P .
pwd | sed "s|^$base|.|"
cd "$base"
unset OLDPWD; cd - >/dev/null; echo "status $?"
(unset HOME; cd; echo "status $?")
mkdir gone; cd gone; rmdir ../gone
pwd | sed "s|^$base|.|"
umask -S 027; umask
