# Only -n is an option for dash's echo; -- and -e are printed.
echo -- a
echo -e b
echo -x c
echo -nn d
