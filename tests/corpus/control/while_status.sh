# The status of while is the last body command's status.
i=0
while [ $i -lt 2 ]; do i=$((i+1)); (exit 7); done
echo $?
