# ?: chooses a branch and evaluates only that one.
echo $((5 > 3 ? 10 : 20)) $((0 ? 1 : 0 ? 2 : 3)) $((1 ? 2 : 1 / 0))
