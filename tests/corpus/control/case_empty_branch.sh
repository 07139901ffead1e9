# A branch may be empty; ;; may be omitted on the last branch.
case a in a) ;; b) echo b;; esac
echo empty done
case b in a) echo a;; b) echo last no semis
esac
