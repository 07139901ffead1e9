# A prefix assignment reaches the child's environment only, not the shell.
PFX=child env | grep '^PFX='
echo "[$PFX]"
