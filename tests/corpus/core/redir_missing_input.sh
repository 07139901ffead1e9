# A missing input file fails the command with status 2 without running it; earlier redirections were already done.
cat < nosuchfile 2>/dev/null
echo status $?
echo ran > flag < nosuchfile 2>/dev/null
echo status $?
[ -e flag ] && echo flag exists
cat flag
echo end
