# A background command does not change the shell's variables.
V=before
V=after &
wait
echo $V
