# Patterns match in subdirectories and over directory levels.
mkdir -p d1/sub d2
touch d1/f1 d1/f2 d2/f3 d1/sub/deep
echo d*/f*
echo */sub/*
echo d1/*
