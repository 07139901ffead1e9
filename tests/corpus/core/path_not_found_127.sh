# A command not in PATH gives 127; an empty PATH finds only builtins.
PATH=/nonexistent
ls 2>/dev/null
echo $?
echo builtin still works
