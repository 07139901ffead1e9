# cd searches CDPATH for a relative name (not ./ or ../) and prints where it went when a
# non-empty entry found it; `times` prints user and system time of the shell and children.
top=$(pwd)
mkdir -p a/sub b/sub2 w
cd w
CDPATH=$top/a:$top/b
{ cd sub; pwd; cd sub2; pwd; } | sed "s|$top|TOP|"
cd "$top/w"
cd nosuch 2>/dev/null; echo "not found: $?"
cd "$top"
CDPATH=:$top/a
cd a | sed "s|$top|TOP|"
cd ./sub 2>/dev/null; echo "./sub: $?"
CDPATH=
times | sed 's/[0-9]/N/g'
