# ! negates the status of a pipeline.
! true; echo $?
! false; echo $?
! false && echo yes
! echo hi | grep -q zz && echo negated pipeline
