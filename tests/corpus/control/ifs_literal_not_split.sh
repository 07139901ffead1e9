# Only results of expansions are split, never literal words.
IFS=:
echo a:b:c
v=x:y
echo $v
