# Two redirections of the same descriptor: both files are opened, the last one is used.
echo x >a >b
echo "a:"; cat a
echo "b:"; cat b
