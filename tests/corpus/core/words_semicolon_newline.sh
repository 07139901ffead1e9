# Commands are separated by newlines and semicolons alike.
echo one; echo two
echo three ;echo four;
echo five
