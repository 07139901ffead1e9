# Variables are read with or without $ inside $((...)); unset or empty reads as 0.
a=6 b=7
echo $((a * b)) $(($a * $b)) $((a+b)) $((unset_var + 1))
e=
echo $(($e + 2))
