# unset takes several names; unsetting an unset name is not an error.
A=1 B=2
unset A B NEVER_SET
echo "[$A$B]" $?
