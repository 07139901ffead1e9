# The status of if is the last command run in it, or 0 when no branch runs.
if true; then (exit 3); fi
echo $?
if false; then :; fi
echo $?
if false; then :; else (exit 4); fi
echo $?
