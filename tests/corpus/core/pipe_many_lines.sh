# A pipeline carries more than a pipe buffer of data.
seq 1 20000 | cat | tail -n 1
seq 1 20000 | wc -l
