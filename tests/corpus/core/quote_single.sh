# Single quotes keep everything literal, including $, \, " and blanks.
echo 'a  b'
printf '%s\n' '$HOME \n "x" `y`'
printf '[%s]\n' 'one two' ''
