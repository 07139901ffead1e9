# while with a false condition never runs the body; its status is 0.
while false; do echo never; done
echo $?
