# read from a here-document.
read a b <<EOF
first second third
EOF
echo "$a|$b"
