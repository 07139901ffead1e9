# An empty command substitution produces no field unquoted, one empty field quoted.
set -- $(true)
echo $#
set -- "$(true)"
echo $#
