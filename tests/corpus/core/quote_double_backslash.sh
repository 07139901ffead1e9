# Inside double quotes backslash escapes only $ ` " \ and newline.
printf '%s\n' "\$X \`y\` \"q\" \\ \a \n"
printf '%s\n' "line\
joined"
