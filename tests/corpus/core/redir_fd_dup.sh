# N>&M makes N a copy of M.
{ echo four >&4; } 4>&1
{ echo five >&5; } 5>f 6>&5
cat f
