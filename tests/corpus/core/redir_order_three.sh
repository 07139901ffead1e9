# Redirections apply left to right: 3>f 1>&3 3>&- leaves output in f.
{ echo via3; } 3>f 1>&3 3>&-
cat f
