# ulimit: set a limit (both soft and hard without -S or -H), show it in the resource's unit,
# `unlimited`, and errors that leave the shell running.
ulimit -c 0; ulimit -c
ulimit -S -n 256; ulimit -n; ulimit -S -n
ulimit -f 1000; ulimit -f
ulimit -Sf 500; ulimit -Sf; ulimit -Hf
ulimit -t unlimited 2>/dev/null; ulimit -St
ulimit -n abc; echo "bad number: $?"
ulimit -q; echo "bad option: $?"
ulimit -Hc 0; ulimit -c 10; echo "above the hard limit: $?"
(ulimit -n 64; ulimit -n); ulimit -n
ulimit -a | wc -l
