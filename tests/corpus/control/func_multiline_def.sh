# Function bodies may be any compound command and span lines.
f()
{
  echo line1
  echo line2
}
f
g() ( echo subshell body; x=1 )
g
echo "[$x]"
