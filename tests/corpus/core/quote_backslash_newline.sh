# Backslash-newline outside quotes is a line continuation.
echo one \
two \
three
ec\
ho joined
