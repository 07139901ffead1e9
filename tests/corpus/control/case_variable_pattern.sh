# A pattern may come from a variable and is then matched as a pattern.
P='a*'
Q='b?'
for w in abc bx b; do
  case $w in
    $P) echo "$w matches $P";;
    $Q) echo "$w matches $Q";;
    "$P") echo never;;
    *) echo "$w none";;
  esac
done
