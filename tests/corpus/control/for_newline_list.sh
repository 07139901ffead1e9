# for's word list may be followed by a newline before do.
for x in 1 2
do
  echo $x
done
