# Single-digit descriptors up to 9 work.
{ echo nine >&9; } 9>f
cat f
{ cat <&8; } 8<f
