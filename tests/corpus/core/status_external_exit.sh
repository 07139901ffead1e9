# Exit statuses of external commands come through.
test 1 -eq 2; echo $?
expr 1 + 1 >/dev/null; echo $?
expr 0 + 0 >/dev/null; echo $?
grep -q x /dev/null; echo $?
grep x /nonexistent 2>/dev/null; echo $?
