# || runs the right side only when the left fails.
false || echo yes1
true || echo no1
echo $?
false || false || echo yes2
