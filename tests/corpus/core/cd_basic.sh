# cd changes the directory; pwd shows it relative to where we started.
mkdir -p a/b
cd a/b
pwd | sed 's|.*/||'
cd ..
pwd | sed 's|.*/||'
