# printf: backslash escapes in the format (octal up to three digits) and in %b (\0NNN, \c).
printf 'a\101\12b\n'
printf '\t|\\|\x41|\c|\n'
printf '\0101\n' | od -c
printf '%b\n' 'a\tb' '\0101' '\101' '\1010' '\x'
printf '%b|%b\n' '\\' 'a\'
printf '%5b|%.1b|\n' '\t' '\101\102'
printf '%b' 'line1\nline2\n'
printf '%b\n' 'stop\c here' never; echo
printf 'end\n'
