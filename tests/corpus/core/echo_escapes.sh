# dash's echo interprets backslash escapes (\n \t \\ \c \0NNN).
echo 'a\nb'
echo 'tab\there'
echo 'back\\slash'
echo 'stop\cnot printed'
echo '\0101\0102'
