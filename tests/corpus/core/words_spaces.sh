# Words are split on blanks; runs of spaces and tabs collapse between arguments.
echo a b	c     d
echo   leading and trailing   
printf '[%s]\n' one  two		three
