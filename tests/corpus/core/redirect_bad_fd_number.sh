# `>&12`: only one digit names a descriptor after >& (dash): a fatal error.
echo before
echo x >&12
echo not reached
