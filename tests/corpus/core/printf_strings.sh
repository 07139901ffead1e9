# printf: %s with width, precision and `-`, %c, %%, and the format reused while arguments remain.
printf '%s\n' one two three
printf '[%s]\n'
printf '%-10s|%10s|\n' left right
printf '[%6.2s] [%.0s] [%-4s]\n' abcdef abc ab
printf '%s=%s\n' a 1 b 2 c
printf '%c%c|\n' hello ''
printf '%c' A B; echo
printf '%3d%%\n' 50
printf 'no newline'; echo
printf '%*s|%-*s|\n' 5 r 4 l
printf -- '-%s\n' dash
printf '%s %s\n' "a b" "$(printf '%s,' 1 2 3)"
printf "" a b; echo "empty format: $?"
