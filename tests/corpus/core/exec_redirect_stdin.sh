# exec <file makes the shell read from file for later commands.
printf 'one\ntwo\nthree\n' > f
exec <f
read a
read b
echo "$a $b"
cat
