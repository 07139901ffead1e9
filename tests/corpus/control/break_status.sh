# The loop's status after break is 0.
for i in 1; do false; break; done
echo $?
