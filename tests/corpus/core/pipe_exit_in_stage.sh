# exit inside a pipeline stage ends only that stage.
echo a | exit 3
echo status $?
exit 0 | true
echo still here
