# An empty PATH entry means the current directory.
printf 'echo cwd cmd\n' > here
chmod +x here
PATH=/usr/bin:/bin:
here
PATH=:/usr/bin:/bin
here
