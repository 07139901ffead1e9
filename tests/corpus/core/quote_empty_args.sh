# Empty quoted strings are arguments; empty unquoted expansions are not.
E=
printf '[%s]\n' '' "" $E "$E"
set -- '' "" $E
echo $#
