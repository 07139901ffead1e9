# Redefining a function replaces it.
f() { echo first; }
f
f() { echo second; }
f
