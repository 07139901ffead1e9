# Quoted operator characters are plain text.
echo ';' '&' '|' '<' '>' '(' ')' '#'
echo "a;b" "c&&d" "e||f"
