# An unquoted backslash quotes the next character.
echo \$HOME \"x\" \'y\' \\ a\ b
printf '[%s]\n' a\ \ b \;
