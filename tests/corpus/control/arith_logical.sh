# && and || give 1 or 0 and short-circuit (no division by zero on the skipped side).
echo $((1 && 2)) $((1 && 0)) $((0 || 0)) $((0 || 5))
echo $((0 && 1 / 0)) $((1 || 1 / 0))
