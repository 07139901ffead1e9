# A builtin as the last stage reads the pipe; its effect stays in that stage.
echo data | read var
echo "[$var]"
echo data | { read var; echo "in: $var"; }
