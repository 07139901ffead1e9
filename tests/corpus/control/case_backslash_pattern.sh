# A backslash in a pattern quotes the next character.
case 'a*' in a\*) echo escaped star;; esac
case ab in a\*) echo no;; *) echo no literal;; esac
