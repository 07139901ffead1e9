# Sorting puts upper case, digits and punctuation in C order.
touch -- Zebra apple Apple 1file _under -dash
echo *
