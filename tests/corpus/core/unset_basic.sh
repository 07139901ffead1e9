# unset removes a variable; it expands to nothing and ${V+x} is empty.
V=1
unset V
echo "[$V]" "[${V+set}]"
