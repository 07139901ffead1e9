# N>file opens file on descriptor N.
{ echo to3 >&3; echo to1; } 3>three
cat three
