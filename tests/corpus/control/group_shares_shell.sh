# { } runs in the current shell: variable changes and cd stay.
{ V=changed; }
echo $V
mkdir d
{ cd d; }
pwd | sed 's|.*/||'
