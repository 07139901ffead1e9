# set +e turns it off again.
set -e
set +e
false
echo continued
