# A quoted delimiter ('EOF', "EOF", \EOF) makes the body literal.
name=world
cat <<'EOF'
$name $(echo no) \$x
EOF
cat <<"EOF"
$name too
EOF
cat <<\EOF
$name three
EOF
