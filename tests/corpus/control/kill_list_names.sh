# kill -l STATUS names the signal (128 + N counts as N), real-time signals as RTMIN+N and
# RTMAX-N; a name or an out-of-range number is an error with status 2. trap and kill -s take
# the same names.
for a in 1 15 31 32 33 34 35 49 50 63 64 129 143 192; do kill -l $a; done
for a in TERM 0 65 128 200; do kill -l $a; echo "status $?"; done
trap 'echo got RTMIN+1' RTMIN+1
trap 'echo got 50' 50
trap '' RTMAX
trap
kill -s RTMIN+1 $$
kill -s RTMAX-14 $$
kill -s RTMAX-31 $$; echo "status $?"
kill -s NOSUCH $$; echo "status $?"
kill -l | sed -n '1p;33,$p'
