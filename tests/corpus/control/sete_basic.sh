# set -e ends the script at the first failing simple command.
set -e
echo one
false
echo not reached
