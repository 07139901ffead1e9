# <&- closes stdin of a command; a reader sees an error or EOF, never hangs.
cat <&- 2>/dev/null
echo done
