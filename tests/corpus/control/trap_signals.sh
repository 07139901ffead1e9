# trap on signals: the action runs once the command that got the signal has finished, with $?
# left as it was; '' ignores (for children too); - resets; a subshell forgets caught signals.
trap 'echo "got USR1, \$? is $?"' USR1
kill -USR1 $$
echo "after: $?"
false
kill -USR1 $$; echo "status of kill: $?"
i=0
while [ $i -lt 3 ]; do kill -USR1 $$; i=$((i + 1)); done
(kill -USR1 $$; echo "subshell killed itself: not printed")
echo "subshell status: $?"
trap '' USR2
kill -USR2 $$
(kill -USR2 $$; echo "ignored in the subshell too")
sh -c 'kill -USR2 $$; echo "ignored in a child too"'
trap - USR2
trap
trap 'echo "TERM: leaving"; exit 4' TERM
kill -TERM $$
echo not reached
