# Brackets with special members: a literal ] first, - at the end.
touch ']' - a b
echo []ab]
echo [a-]
