# A builtin echo in a pipeline writes to the pipe.
echo from builtin | cat
echo x | echo y
