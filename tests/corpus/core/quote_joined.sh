# Quoted and unquoted parts join into one word.
X=mid
printf '[%s]\n' a'b c'd"e $X"f\ g
printf '[%s]\n' ''x'' ""y""
