# Arithmetic nests with command substitution and parameter expansion inside.
n=3
echo $(( $(echo 4) * n )) $(( (n + 1) * (n - 1) ))
echo $(( $((2 + 3)) * 2 ))
