# A relative PATH entry is searched relative to the current directory.
mkdir -p d/bin
printf 'echo relative\n' > d/bin/rc
chmod +x d/bin/rc
PATH=bin:/usr/bin:/bin
cd d
rc
