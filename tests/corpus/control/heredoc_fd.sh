# A here-document can go to another descriptor; redirections apply left to right.
cat 3<<EOF <&3
on three
EOF
cat <&4 4<<EOF 2>/dev/null
too early
EOF
echo status $?
