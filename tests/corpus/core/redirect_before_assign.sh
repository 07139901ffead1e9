# Redirections are made before the assignments are expanded (XCU 2.9.1): an assignment-only
# command's redirection applies to its command substitutions, and a failing one leaves the
# variables unset; a redirection's word sees the variables as they were.
y=$(echo err >&2; echo v) 2>/dev/null
echo "[$y]"
z=$(ls /nonexistent-dir) 2>&1
echo "[$z]"
x=1 >/nonexistent-dir/f 2>/dev/null
echo "[$x] $?"
x=5
x=2 : >f$x
x=5
x=2 echo >g$x
h() { :; }
x=2 h >h$x
x=2 /bin/true >i$x
ls
