# echo to a closed stdout fails with status 1.
echo x >&-
echo status $?
