# cd to a missing directory fails with status 2 and the shell stays where it was.
mkdir here
cd here
cd nosuchdir 2>/dev/null
echo status $?
pwd | sed 's|.*/||'
