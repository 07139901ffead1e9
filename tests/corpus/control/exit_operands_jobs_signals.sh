# exit and return take blanks and a + around the number; `set -` turns -x and -v off; a job
# that is not there is status 2 for wait, fg and bg; signal names in either case.
f() { return " 4"; }
f; echo "return $?"
(exit +3); echo "exit $?"
(exit "5 "); echo "exit $?"
set a b
set -x -
echo "$# $-"
wait %1 2>/dev/null; echo "wait $?"
fg 2>/dev/null; echo "fg $?"
bg %x 2>/dev/null; echo "bg $?"
trap 'echo got term' term
kill -s term $$
trap 'echo got usr1' usr1
kill -USR1 $$
trap
kill %4 2>/dev/null; echo "kill job $?"
jobs %1 2>/dev/null; echo "jobs $?"
