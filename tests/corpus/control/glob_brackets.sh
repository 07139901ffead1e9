# [...] sets, ranges and [!...] negation.
touch a1 a2 a3 b1 bx
echo a[12]
echo [ab][0-9]
echo a[!1]
echo b[!0-9]
