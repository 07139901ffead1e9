# local: a function's variables get their old values back when it returns, callees see them.
x=global
f() {
  local x
  echo "inherited [$x]"
  x=inner
  local y=2 z
  g
}
g() { echo "g sees $x $y [$z]"; }
f
echo "after: $x [$y]"
h() { local n=$1; [ "$n" -gt 0 ] && h $((n - 1)); echo "n=$n"; }
h 2
