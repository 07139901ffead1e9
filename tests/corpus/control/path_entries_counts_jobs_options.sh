# An empty PATH entry gives the program its bare name; what it found is forgotten after cd;
# hash lists nothing once PATH changed; break/continue/shift take blanks and +; jobs -p/-l.
mkdir a b
printf '#!/bin/sh\necho "a $0"\n' > a/prog
printf '#!/bin/sh\necho "b $0"\n' > b/prog
chmod +x a/prog b/prog
(PATH=:/bin:/usr/bin; cd a; prog; cd ../b; prog; command -v prog)
(hash cat; PATH=/nonexistent; hash; echo "hash $?")
for i in 1 2; do for j in 1 2; do break " 2"; done; done; echo "break $i"
set -- x y z; shift " 2"; echo "shift $1"
sleep 0.2 & jobs -p | wc -l; jobs -x 2>/dev/null; echo "jobs $?"; wait
f() { local 1bad; echo not reached; }
f 2>/dev/null
echo not reached either
