# Quoted pattern characters match literally.
for w in '*' x '?' ; do
  case $w in
    '*') echo star;;
    "?") echo question;;
    *) echo "other $w";;
  esac
done
