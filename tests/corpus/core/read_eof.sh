# read returns 1 at end of input; a last line without newline is still read.
printf 'noeol' > f
read v < f
echo $? "[$v]"
read v < /dev/null
echo $? "[$v]"
