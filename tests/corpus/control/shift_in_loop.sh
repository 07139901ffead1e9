# A loop over arguments with shift.
set -- a b c
while [ $# -gt 0 ]; do
  echo "arg: $1"
  shift
done
echo left $#
