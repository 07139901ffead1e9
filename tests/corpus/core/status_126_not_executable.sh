# A file without execute permission gives 126.
printf 'echo x\n' > f
./f 2>/dev/null
echo $?
