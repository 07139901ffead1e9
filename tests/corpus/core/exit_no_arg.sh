# exit with no argument uses the last command's status.
false
exit
