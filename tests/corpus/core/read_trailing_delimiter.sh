# read: the last variable gets the rest of the line less trailing IFS whitespace, and less a
# trailing delimiter when that rest is a single field (dash).
for ifs in ':' ': ' 'a'; do
  for line in 'x:y:' 'x:y::' 'x::' ':' 'x:y: ' 'x: y : ' 'x:y:z:' ' x : y : : ' 'a' 'xay' 'xaya'; do
    IFS=$ifs
    printf '%s\n' "$line" | { read a b; echo "[$a][$b]"; }
    printf '%s\n' "$line" | { read a; echo "[$a]"; }
    unset IFS
  done
done
