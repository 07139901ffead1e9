# alias: the command word is replaced (after assignments too), chains of aliases, a value
# ending in a blank makes the next word a candidate, an alias is not expanded inside itself,
# keywords and operators in values, functions take aliases when defined, $(...) and `...`
# expand them, and a new alias applies from the next line.
alias s='echo '
alias w=world
s w
alias e=echo
x=1 e after assignment
alias ls='ls -d'
ls /
alias ll='ls /tmp'
ll
alias i='if'
i true; then echo keyword; fi
f() { e in function; }
unalias e
f
alias c='echo sub'
echo $(c) `c`
alias semi='echo a;'
semi echo b
alias e2='echo one'; e2 2>/dev/null || echo "not on the same line"
e2
alias p='echo piped |'
p cat
alias r=r2
alias r2=r
r 2>/dev/null; echo "loop: $?"
