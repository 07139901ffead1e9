# An if without fi is a syntax error at end of file: status 2, earlier lines ran.
echo before
if true; then
  echo inside
