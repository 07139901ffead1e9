# for needs a valid name.
echo before
for 1x in a; do echo $1x; done
echo not reached
