# case matches literal words and runs the first matching branch only.
for w in apple banana cherry; do
  case $w in
    apple) echo fruit a;;
    banana) echo fruit b;;
    apple) echo never;;
    *) echo other;;
  esac
done
