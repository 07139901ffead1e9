# Nested backticks need backslashes.
echo `echo a \`echo b\``
echo "`echo "q \`echo r\`"`"
