# < feeds a file to stdin.
printf 'b\na\n' > f
sort < f
tr a-z A-Z <f
