# A lone $ and $ before non-name characters stay literal.
echo $ a$ "$" '$'
echo $% $/ x$
