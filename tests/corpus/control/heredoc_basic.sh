# <<EOF feeds the lines up to EOF to the command's stdin.
cat <<EOF
line one
  indented
EOF
echo after
