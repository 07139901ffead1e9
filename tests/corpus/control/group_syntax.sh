# A group needs ; or newline before }; } is a word elsewhere.
{ echo a; }
{
  echo b
}
echo }
echo {x}
