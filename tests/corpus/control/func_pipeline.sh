# Functions work as pipeline stages.
up() { tr a-z A-Z; }
count() { wc -l; }
printf 'a\nb\n' | up
printf 'a\nb\n' | up | count
