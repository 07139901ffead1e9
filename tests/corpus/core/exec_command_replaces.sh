# exec COMMAND replaces the shell; later lines do not run.
echo before
exec echo replaced
echo not reached
