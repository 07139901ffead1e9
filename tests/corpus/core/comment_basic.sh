# A # at a word start begins a comment; inside a word it is literal.
echo a # b c
echo a#b
echo '#not' "#comment" \#no
# echo hidden
echo end # ; echo hidden
