# Redirections on a group apply to all its commands.
{ echo one; echo two; } > out
cat out
{ read a; read b; } < out
echo "$b $a"
{ echo x; echo y; } | sort -r
