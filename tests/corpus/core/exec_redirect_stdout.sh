# exec with only redirections changes the shell's own stdout.
exec 3>&1
exec >f
echo into file
exec >&3 3>&-
echo back
cat f
