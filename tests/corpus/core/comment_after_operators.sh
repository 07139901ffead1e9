# Comments may follow operators and keywords positions.
echo a;# comment
true && # comment
echo b
x=1 # comment
echo $x
