# A for loop over an unquoted variable iterates over its fields.
list='one two  three'
for w in $list; do echo $w; done
IFS=:
path=/a:/b:/c
for p in $path; do echo $p; done
