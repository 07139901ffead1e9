# A pipeline as the condition uses its last command's status.
if echo abc | grep -q b; then echo found; fi
if echo abc | grep -q z; then echo found; else echo missing; fi
