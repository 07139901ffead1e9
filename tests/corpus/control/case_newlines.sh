# Patterns and commands spread over lines.
v=two
case $v in
  one)
    echo 1
    ;;
  two)
    echo 2
    echo two lines
    ;;
esac
