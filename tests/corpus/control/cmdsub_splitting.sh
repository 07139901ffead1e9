# Unquoted $(...) is split into fields; quoted it is one field.
set -- $(echo 'a   b c')
echo $#
set -- "$(echo 'a   b c')"
echo $#
