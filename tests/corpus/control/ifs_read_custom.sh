# read splits with IFS, keeping the rest in the last variable.
IFS=, read a b <<EOF
one,two,three
EOF
echo "$a|$b"
