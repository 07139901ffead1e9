# Running a directory gives 126.
mkdir d
./d 2>/dev/null
echo $?
