# unset removes a variable: it expands to nothing, and export no longer lists it.
export V=1
unset V
echo "[$V]"
export -p | grep -c ' V=' || true
