# if runs the then-part when the condition succeeds, else the else-part.
if true; then echo yes; else echo no; fi
if false; then echo yes; else echo no; fi
if false; then echo yes; fi
echo after
