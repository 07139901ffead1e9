# Octal (leading 0) and hexadecimal (0x) constants.
echo $((010)) $((0x10)) $((0XfF)) $((0)) $((00)) $((017 + 0x1))
