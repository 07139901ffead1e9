# A here-document feeds the first stage of a pipeline.
cat <<EOF | sort | tr a-z A-Z
b
a
EOF
