# Nested for loops run every combination.
for a in 1 2; do for b in x y; do echo $a$b; done; done
