# exit in a nested subshell ends only that subshell.
( ( exit 3 ); echo inner $?; exit 4 )
echo outer $?
