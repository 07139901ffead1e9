# Several cd steps into nested directories; pwd shows the full path.
mkdir -p one/two/three
cd one
cd two
cd three
pwd | sed 's|.*/one/|one/|'
