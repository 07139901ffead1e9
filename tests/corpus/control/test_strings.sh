# test compares strings with = != -z -n and a plain string.
test abc = abc && echo eq
test abc != abd && echo ne
test -z '' && echo empty
test -n x && echo nonempty
test x && echo plain string
test '' || echo empty string false
