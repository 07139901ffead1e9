# Under set -e only the last command of a pipeline decides.
set -e
false | true
echo survived
true | false
echo not reached
