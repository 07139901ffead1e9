# Command substitution joins with surrounding text.
echo pre$(echo mid)post
echo "$(echo a)$(echo b)"
