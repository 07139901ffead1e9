# A reader that exits early does not hang the pipeline.
seq 1 100000 | head -n 2
echo done
