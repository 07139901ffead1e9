# A newline may follow && and ||.
true &&
echo one
false ||
echo two
