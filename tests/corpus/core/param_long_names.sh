# Long names, underscores and digits in names.
_a_b_9=one
ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789=two
echo $_a_b_9 $ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789
