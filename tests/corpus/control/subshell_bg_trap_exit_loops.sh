# A background subshell is one process ($! is it, its traps run when it is killed); exit in a
# trap action uses $? from before the action; set -e holds inside $(...) even in a condition;
# continue in a while condition starts the next round; (break) ends the subshell with 0;
# a readonly variable cannot be a command's prefix assignment; wait -- and command exec.
(trap 'exit 9' TERM; sleep 5) & p=$!
sleep 1; kill $p; wait $p; echo "bg $?"
(trap 'false; exit' EXIT; exit 5); echo "trap exit $?"
set -e
if x=$(false; echo q); then echo "then $x"; else echo "else"; fi
x=$(false; echo q) || echo "failed [$x]"
set +e
n=0; while n=$((n+1)); [ $n -lt 3 ] && continue; do echo body; done; echo "end $n"
for i in 1; do false; (break); echo "break $?"; done
sleep 0.1 & wait -- $!; echo "wait $?"
command exec 3</nonexistent 2>/dev/null; echo "exec $?"
readonly r=1
(r=3 /bin/echo not run) 2>/dev/null; echo "readonly $?"
