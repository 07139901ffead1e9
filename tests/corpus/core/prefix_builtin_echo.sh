# A prefix assignment before a regular builtin does not change the shell variable.
X=before
X=after true
echo $X
