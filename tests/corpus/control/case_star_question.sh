# * matches anything, ? matches one character.
for w in a ab abc ''; do
  case $w in
    ?) echo "$w: one";;
    ??) echo "$w: two";;
    *) echo "$w: more or none";;
  esac
done
