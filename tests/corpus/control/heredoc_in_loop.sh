# A here-document inside a loop is re-expanded each iteration.
for i in 1 2; do
  cat <<EOF
iteration $i
EOF
done
