# What an ordinary script does beyond running commands: the second tier of linker/hot.ld.
# Run by tools/order/order.py under callgrind with `tiny` (tools/bench/tiny.S) on PATH; it
# covers the common language, not every builtin (those stay in the cold tail).
set -e
prefix=${PREFIX:-/usr/local}
export LC_ALL=C
name=rawsh-$$
: "${TMPDIR:=/tmp}"

say() { echo "$*"; }
check() {
    local what=$1
    shift
    if "$@" >/dev/null 2>&1; then say "checking $what... yes"; else say "checking $what... no"; fi
}

check "for tiny" tiny
check "for a shell" test -n "$SHELL"
for dir in bin lib share/man; do
    case $dir in
        share/*) kind=data ;;
        b*|l*) kind=code ;;
        *) kind=other ;;
    esac
    say "$prefix/$dir: $kind ${dir%%/*} ${dir##*/} ${#dir}"
done

i=0
while [ "$i" -lt 5 ]; do
    i=$((i + 1))
    [ $((i % 2)) -eq 0 ] && continue
    n=$(echo "$i")
    test "$n" = "$i" || exit 1
done

file=$TMPDIR/$name
cat >/dev/null <<EOF
prefix=$prefix
count=$i
EOF
printf '%s\n' "a b" c >"$file" 2>/dev/null || file=/dev/null
while read -r line; do
    set -- $line
    say "$# fields: $*"
done <"$file"
rm -f "$file" 2>/dev/null || true
tiny | tiny
v=`tiny; echo done`
unset v
shift $#
exit 0
