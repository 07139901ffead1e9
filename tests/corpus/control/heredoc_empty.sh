# An empty here-document gives empty input.
cat <<EOF
EOF
echo "[$(cat <<EOF
EOF
)]"
