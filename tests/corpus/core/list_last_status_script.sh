# A script exits with the status of its last command.
true
false
