# N<&- closes descriptor N; writing to it then fails.
{ echo x >&3; } 3>&- 2>/dev/null
echo status $?
echo y >&- 2>/dev/null
echo status $?
