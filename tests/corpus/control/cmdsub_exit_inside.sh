# exit inside command substitution ends only the substitution.
x=$(echo partial; exit 3; echo never)
echo "$x $?"
