# Operators end words without surrounding blanks.
echo a;echo b&&echo c||echo d
printf '%s\n' x>out;cat out
