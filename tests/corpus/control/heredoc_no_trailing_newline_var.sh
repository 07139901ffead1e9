# Variables with newlines expand as is in a here-document.
v='l1
l2'
cat <<EOF
$v
EOF
