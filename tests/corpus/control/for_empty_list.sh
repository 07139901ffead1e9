# for over an empty list runs nothing; the variable is unchanged and status 0.
v=keep
for v in; do echo never; done
echo $v $?
set --
for x; do echo never; done
echo ok
