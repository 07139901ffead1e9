# trap with no operands lists the traps as commands; bad conditions are errors (status 1)
# that do not stop the shell; a lone operand or a number resets.
trap 'echo it'"'"'s' INT
trap '' HUP QUIT
trap 'echo a' 0
trap
trap 'x' NOSUCH; echo "bad name: $?"
trap 'x' 99; echo "bad number: $?"
trap 2; trap
trap HUP; trap
trap -- - QUIT; trap
trap 0; trap; echo "empty: $?"
