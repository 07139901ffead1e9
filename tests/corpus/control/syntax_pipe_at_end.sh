# A pipeline ending in | at end of file is a syntax error.
echo before
echo a |
