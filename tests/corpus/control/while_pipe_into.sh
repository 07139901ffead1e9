# A while loop as a pipeline stage reads from the pipe.
printf 'a\nb\nc\n' | while read l; do echo "<$l>"; done
seq 3 | while read n; do echo $((n * n)); done | sort -rn
