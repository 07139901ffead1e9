# Redirections on a whole if apply to every branch.
if true; then echo a; echo b; fi > out
cat out
if false; then :; else echo c; fi 2>/dev/null | tr c C
