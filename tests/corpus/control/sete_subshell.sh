# A failing subshell ends the script under set -e.
set -e
(true)
echo ok
(false)
echo not reached
