# exit in a subshell ends only the subshell.
(exit 4)
echo sub $?
(echo in; exit 5; echo no)
echo sub $?
