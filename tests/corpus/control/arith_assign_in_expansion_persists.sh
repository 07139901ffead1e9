# An assignment inside $((...)) persists after the expansion.
: $((counter = 41))
: $((counter += 1))
echo $counter
