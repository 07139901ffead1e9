# Assignments set shell variables; the value is not field-split.
A=1 B='two words' C="three $A"
echo $A "$B" "$C"
D=$B
echo "$D"
