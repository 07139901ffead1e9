# A missing file with a slash gives 127; so does a missing name.
./missing 2>/dev/null
echo $?
missing_cmd_rawsh 2>/dev/null
echo $?
