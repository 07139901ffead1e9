# ifs nest.
x=a y=b
if [ $x = a ]; then
  if [ $y = c ]; then echo ac
  else echo ab
  fi
fi
