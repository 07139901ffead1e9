# * and ? do not match a /.
mkdir -p a/b
touch a/b/c
echo a*c
echo a?b
echo a/*/c
