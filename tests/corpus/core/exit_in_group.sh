# exit inside { } ends the whole script.
{ echo in group; exit 6; }
echo not reached
