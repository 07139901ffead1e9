# Strings that look like operators are compared correctly.
[ "-n" = "-n" ] && echo dash n equal
[ "!" = "!" ] && echo bang equal
x=-z
[ "$x" = -z ] && echo var equal
