# Blanks and newlines inside $((...)) are ignored.
echo $((   1+
  2   ))
