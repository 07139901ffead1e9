# An assignment with nothing after = sets an empty value (set but empty).
E=
echo "[${E}]"
export E
env | grep '^E='
