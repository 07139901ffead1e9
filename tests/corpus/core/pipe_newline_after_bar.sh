# A newline may follow |.
echo abc |
tr b X
