# The case word is expanded (no splitting): variables, command substitution.
x='a b'
case $x in 'a b') echo whole;; *) echo split;; esac
case $(echo hi) in hi) echo subst;; esac
case "" in '') echo empty matches;; esac
