# alias and unalias: show one, errors with status 1, type and command -v see aliases,
# unalias -a.
alias ll='ls -l'
alias ll
alias q="it's"
alias q
alias nosuch_alias 2>/dev/null; echo "missing: $?"
type ll
command -v ll
command -v q
unalias ll
alias ll 2>/dev/null; echo "after unalias: $?"
unalias nosuch_alias 2>/dev/null; echo "unalias missing: $?"
unalias -a
alias
echo end
