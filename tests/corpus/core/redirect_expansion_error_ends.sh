# An expansion error in a builtin's redirection ends the script, as any expansion error; a
# descriptor of more than one digit after >& is a "Bad fd number", fatal too (dash).
echo x >&9 2>/dev/null; echo "status $?"
echo before
echo x > ${unset_var?is unset}
echo not reached
