# true is 0, false is 1, : is 0 and ignores arguments.
true; echo $?
false; echo $?
: anything at all > /dev/null; echo $?
: ; echo $?
