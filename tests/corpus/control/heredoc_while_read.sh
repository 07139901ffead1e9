# A while-read loop fed by a here-document.
while read k v; do
  echo "$k=$v"
done <<EOF
a 1
b 2
EOF
