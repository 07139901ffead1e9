# A function runs its body when called by name.
greet() { echo hello; }
greet
greet
