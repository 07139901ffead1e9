# "$@" keeps arguments, "$*" joins with a space, unquoted both split.
set -- 'a b' c '' d
printf '[%s]\n' "$@"
echo --
printf '[%s]\n' "$*"
echo --
printf '[%s]\n' $@
echo --
printf '[%s]\n' $*
