# command's options in any order and with --, keywords for type and command -v/-V, paths
# that must exist; unset checks names; return keeps a status above 255 for $?; `.` alone is
# nothing; ulimit takes large numbers and one operand; printf and echo know \e.
command -- echo x
command -pv sh >/dev/null; echo "pv $?"
command -v -- echo
command; echo "bare $?"
command -v if; command -v while; command -v '{'
type if
command -V fi
type /nonexistent-path; echo "type $?"
: > plain
command -v ./plain
f() { return 300; }
f; echo "return $?"
if f; then echo true; else echo false; fi
.; echo "dot $?"
x=1; unset -v x; echo "[$x]"
(unset 1a) 2>/dev/null; echo "unset $?"
(unset -x y) 2>/dev/null; echo "unset option $?"
ulimit -f 1000000000 && ulimit -f
ulimit -f 10 20 2>/dev/null; echo "ulimit $?"
printf '\e[0m' | od -An -c
echo '\e' | od -An -c
