# An unquoted delimiter expands $vars, $(...), $((...)) and backslash escapes.
name=world
cat <<EOF
hello $name ${name}
sum $((1 + 2)) sub $(echo ok)
\$not \\ \` kept'single'"double"
EOF
