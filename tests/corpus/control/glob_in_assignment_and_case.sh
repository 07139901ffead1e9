# No globbing in assignments and case words; case patterns match without files.
touch match1 match2
x=match*
echo "$x"
case match1 in match*) echo case matched;; esac
