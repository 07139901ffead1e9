# A script run via ENOEXEC sees exported variables but not plain ones, and cannot change ours.
printf 'echo "[$EXP][$PLAIN]"\nEXP=changed\n' > s
chmod +x s
export EXP=exported
PLAIN=plain
./s
echo $EXP
