# while read loops over lines of a redirected file.
printf 'one 1\ntwo 2\nthree 3\n' > f
while read word num; do
  echo "$num:$word"
done < f
