# read takes its input from a redirection.
printf 'first line\nsecond\n' > f
read line < f
echo "$line"
