# exit N sets the script's status and stops it.
echo before
exit 3
echo not reached
