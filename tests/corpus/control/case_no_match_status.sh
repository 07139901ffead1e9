# case with no match has status 0; the status is the branch's last command otherwise.
false
case x in y) echo no;; esac
echo $?
case x in x) (exit 3);; esac
echo $?
