# exec with nothing is a no-op with status 0.
exec
echo $?
