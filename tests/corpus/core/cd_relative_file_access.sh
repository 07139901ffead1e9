# After cd, relative paths in later commands resolve in the new directory.
mkdir dir
echo inside > dir/f
cd dir
cat f
echo new > g
cd ..
cat dir/g
