# Backslash-newline joins lines in an unquoted here-document, not in a quoted one.
cat <<EOF
joined \
line
EOF
cat <<'EOF'
kept \
line
EOF
