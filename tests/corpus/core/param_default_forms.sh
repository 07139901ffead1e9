# ${V-w} ${V:-w} ${V=w} ${V:=w} ${V+w} ${V:+w}.
unset U; E=; S=set
echo "${U-d1} ${E-d2} ${S-d3}"
echo "${U:-d1} ${E:-d2} ${S:-d3}"
echo "${U+a1} ${E+a2} ${S+a3}"
echo "${U:+a1} ${E:+a2} ${S:+a3}"
echo "${U=x1} ${E:=x2}"
echo "$U $E"
