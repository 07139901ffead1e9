# | separates alternative patterns.
for w in yes y no n maybe; do
  case $w in
    yes|y) echo "$w: affirmative";;
    no|n) echo "$w: negative";;
    *) echo "$w: unknown";;
  esac
done
