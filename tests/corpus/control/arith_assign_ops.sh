# Assignment operators change the variable and give its new value.
x=5
echo $((x = 3)) $x
echo $((x += 4)) $((x -= 2)) $((x *= 3)) $((x /= 2)) $((x %= 4)) $x
echo $((x <<= 3)) $((x >>= 1)) $((x &= 6)) $((x |= 9)) $((x ^= 5)) $x
