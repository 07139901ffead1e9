# Redirections may appear anywhere among the words of a command.
>f echo a b
cat f
echo c >f d
cat f
echo e 2>/dev/null f >f g
cat f
