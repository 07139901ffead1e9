# Builtins in a pipeline run in a subshell: assignments do not leave it.
V=outer
echo x | V=inner
echo $V
true | cd /
[ "$PWD" != / ] && echo cwd unchanged
