# The condition is a list; its last command decides.
if false; true; then echo last decides; fi
if true && false; then echo no; else echo and-list false; fi
if ! false; then echo negated; fi
