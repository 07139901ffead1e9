# A pattern that matches nothing stays as written.
echo *.nomatch
echo no?such
set -- [z]*
echo $# "$1"
