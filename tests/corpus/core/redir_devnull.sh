# Redirection to and from /dev/null.
echo gone > /dev/null
cat < /dev/null
echo $?
wc -c < /dev/null
