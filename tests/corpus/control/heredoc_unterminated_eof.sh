# A here-document without its delimiter line ends at end of file (dash accepts it, status 0).
cat <<EOF
line one
line two
