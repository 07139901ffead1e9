# A case inside $(...) with unbalanced ) patterns parses.
x=$(case a in a) echo matched;; esac)
echo $x
