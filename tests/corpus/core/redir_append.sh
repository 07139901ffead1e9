# >> appends and creates when missing.
echo one >> f
echo two >> f
cat f
