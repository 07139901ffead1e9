# A function defined in a subshell is gone afterwards.
(g() { echo inside; }; g)
g 2>/dev/null || echo gone $?
