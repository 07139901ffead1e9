# Quotes in an unquoted here-document body are literal characters.
x=1
cat <<EOF
'$x' "$x"
EOF
