# "$@" with no positional parameters produces no word at all.
set --
printf '[%s]\n' "$@"
echo "count: $#"
printf '[%s]\n' x"$@"y
