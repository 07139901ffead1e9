# Patterns with fixed text around them.
touch file.c file.h main.c notes.txt
echo *.c
echo file.*
echo *i*.?
