# > creates a file and writes stdout into it.
echo hello > f
cat f
echo world >f
cat f
