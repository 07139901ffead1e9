# && and || have equal precedence and associate left to right.
true || echo no && echo yes
false && echo no || echo yes2
false || true && echo yes3
true && false || echo yes4
