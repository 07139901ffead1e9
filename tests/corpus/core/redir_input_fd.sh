# N<file opens for reading on N; cat <&N reads it.
printf 'data\n' > f
{ cat <&3; } 3<f
read x 3<f <&3
echo "$x"
