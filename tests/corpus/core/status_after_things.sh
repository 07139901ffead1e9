# $? after a pipeline, a subshell, a negation, a redirection error and cd.
echo x | false; echo $?
(true); echo $?
! true; echo $?
cat < nofile 2>/dev/null; echo $?
cd nodir 2>/dev/null; echo $?
echo $?
