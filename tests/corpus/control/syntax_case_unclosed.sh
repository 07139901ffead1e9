# case without esac is a syntax error.
echo before
case x in
  x) echo matched;;
