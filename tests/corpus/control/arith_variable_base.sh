# Variables holding octal or hex strings are read in that base.
o=010 h=0x1f
echo $((o + 0)) $((h + 0)) $((o * h))
