# && runs the right side only when the left succeeds.
true && echo yes1
false && echo no1
echo $?
true && false && echo no2
echo $?
