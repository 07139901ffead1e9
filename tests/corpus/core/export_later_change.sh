# An exported variable's later value is what children see.
export LATE=first
LATE=second
printenv LATE
