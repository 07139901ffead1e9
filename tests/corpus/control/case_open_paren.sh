# A pattern may start with an optional (.
case abc in (abc) echo with paren;; (*) echo no;; esac
case x in (a|x) echo alt paren;; esac
