# * matches any name; results are sorted in C byte order.
touch b a c B _u 10 9
echo *
