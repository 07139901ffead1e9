# cd with a relative path of several parts, including ..
mkdir -p p/q/r
cd p/q/r/../..
pwd | sed 's|.*/||'
cd ./q/./r
pwd | sed 's|.*/||'
