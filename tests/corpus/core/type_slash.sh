# type of a name containing a slash reports it as is.
printf 'echo x\n' > s
chmod +x s
type ./s
