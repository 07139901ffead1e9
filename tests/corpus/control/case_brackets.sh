# Bracket expressions: sets, ranges and negation with !.
for c in a m z 5 _ B; do
  case $c in
    [abc]) echo "$c: abc";;
    [d-n]) echo "$c: d-n";;
    [0-9]) echo "$c: digit";;
    [!a-z]) echo "$c: not lower";;
    *) echo "$c: other lower";;
  esac
done
