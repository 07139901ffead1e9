# ! turns any nonzero status into 0 and 0 into 1.
! (exit 7); echo $?
! (exit 0); echo $?
