# A leading dot must be matched explicitly.
touch .hidden visible .dot2
echo *
echo .h*
echo .[a-z]*
