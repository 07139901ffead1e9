# for over a glob gets the matching file names sorted.
touch c.txt a.txt b.txt d.dat
for f in *.txt; do echo $f; done
