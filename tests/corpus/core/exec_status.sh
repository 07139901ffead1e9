# The shell's status after exec COMMAND is the command's status.
exec false
echo not reached
