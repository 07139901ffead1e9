# Function names may contain underscores and digits.
my_func2() { echo ok2; }
_private() { echo ok_; }
my_func2; _private
