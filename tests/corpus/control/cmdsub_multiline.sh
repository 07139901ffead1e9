# Command substitution may contain several lines and control structures.
x=$(
  for i in 1 2 3; do
    echo $i
  done
)
echo $x
