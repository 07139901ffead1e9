# Command substitution results are split on IFS.
IFS=,
set -- $(echo '1,2,3')
echo $#
IFS=' '
set -- $(printf 'a\nb\n c ')
echo $#
