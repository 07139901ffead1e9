# An expansion error in a here-document body fails that command only (status 2; dash
# expands the body in a child), and the script goes on.
cat <<E
${x?oops}
E
echo "no $?"
cat <<E
ok $((1/0))
E
echo "two $?"
f() { read v; echo "v=$v"; }
f <<E
${y?bad}
E
echo "three $?"
