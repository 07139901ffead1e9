# A background command in a non-interactive shell reads /dev/null, not the shell's stdin.
printf 'line\n' > in
exec < in
cat &
wait
echo done
