# Prefix and suffix removal ${V#p} ${V##p} ${V%p} ${V%%p}.
P=dir/sub/file.tar.gz
echo ${P#*/} ${P##*/}
echo ${P%.*} ${P%%.*}
echo ${P#nomatch}
