# if written across lines and with newlines in odd places.
if
  true
then
  echo spread
fi
if true; then echo one; echo two; fi
