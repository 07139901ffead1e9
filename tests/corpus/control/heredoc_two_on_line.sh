# Two here-documents on one command line are read in order.
cat <<A; cat <<B
first
A
second
B
