# ${VAR} delimits a name from following name characters.
V=ab
VX=wrong
echo ${V}X $VX ${V}_tail $V.dot $V-dash
