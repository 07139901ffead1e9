# ? matches exactly one character.
touch a ab abc b
echo ?
echo ??
echo a?c
