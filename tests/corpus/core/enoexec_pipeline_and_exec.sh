# A file without #! is a script wherever a command runs: in a pipeline, in a subshell's last
# command (which execs in place), and under exec.
printf 'echo script $0 got $1\n' > s
chmod +x s
./s one | cat
echo status $?
(./s two)
echo status $?
(exec ./s three; echo not reached)
echo status $?
