# test and [ read up to four arguments by position (POSIX): an operand that looks like an
# operator is an operand. -nt and -ot need both files; -O and -G compare owners.
x='='
[ -n "$x" ]; echo "$?"
test -z -eq; echo "$?"
[ -f "!=" ]; echo "$?"
[ ! -n = ]; echo "$?"
test \( -n \); echo "$?"
test \( ! \); echo "$?"
test ! "" -a ""; echo "$?"
[ ! = x ]; echo "$?"
[ = = = ]; echo "$?"
[ -a -a -a ]; echo "$?"
[ \( -z x \) ]; echo "$?"
[ ! \( x \) ]; echo "$?"
[ a = b -o c = c ]; echo "$?"
[ -z = ]; echo "$?"
for y in -n -z ! '(' ')' -a -o = -eq; do [ "$y" ] && [ -n "$y" ] && [ ! -z "$y" ]; echo "$y $?"; done
: > old
[ / -nt /nonexistent ]; echo "$?"
[ /nonexistent -ot / ]; echo "$?"
[ -O old ] && [ -G old ]; echo "$?"
[ -O /nonexistent ]; echo "$?"
