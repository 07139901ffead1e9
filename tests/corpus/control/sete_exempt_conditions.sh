# set -e ignores failures in if/while conditions and non-last && || parts and after !.
set -e
if false; then :; fi
while false; do :; done
false && true
false || true
! true
echo still here
