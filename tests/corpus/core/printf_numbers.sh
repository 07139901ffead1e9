# printf: integer conversions, flags, and numbers written as C constants or 'c.
printf '%d|%5d|%-5d|%05d|%+d|% d\n' 1 2 3 4 5 6
printf '%x %X %o %#x %#o %u\n' 255 255 8 255 8 -1
printf '%.3d|%8.3d|%-8.3d|%08.3d\n' 5 5 5 5
printf '% 05d|%+05d|%-05d|%+5d\n' 5 5 5 -3
printf '%.4x|%#.3o|%-+5d|%#x|%#X|%#o\n' 10 8 7 0 0 0
printf '%.0d|%.d|%o|%x\n' 0 0 0 0
printf '%d\n' 0x1f 010 -5 +3 ' 7' ' -0x10' 0X1F
printf '%d %d\n' "'A" '"a'
printf '%x\n' -1 4294967296
printf '%d\n' -9223372036854775808 9223372036854775807
printf '%u\n' 18446744073709551615
printf '%*d|%-*d|%.*d|%*d|\n' 4 1 3 2 3 5 -4 6
printf '%i %d\n'
printf '%d %d\n' 1 2 3
printf '%.70d|%#.68o|%075d|\n' 5 8 -3
