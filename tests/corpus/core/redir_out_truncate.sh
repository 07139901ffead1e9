# > truncates an existing file.
printf 'a long first line\n' > f
echo short > f
cat f
wc -c < f
