# printf: a bad number is reported, counts as 0 (or what was read), and the output goes on
# with status 1; a bad directive stops with status 2; the shell continues either way.
printf '%d\n' abc; echo "status $?"
printf '%d|%d|%d\n' 1a 08 0x; echo "status $?"
printf '%d\n' '' - + --5; echo "status $?"
printf '%d\n' 99999999999999999999 -9223372036854775809; echo "status $?"
printf '%u\n' 18446744073709551616; echo "status $?"
printf 'a%zb\n'; echo " status $?"
printf '%5%|\n'; echo "status $?"
printf '%ld\n' 1; echo "status $?"
printf 'x%'; echo " status $?"
printf; echo "status $?"
printf -n x; echo "status $?"
echo still here
