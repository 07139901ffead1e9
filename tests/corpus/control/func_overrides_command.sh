# A function takes precedence over a PATH command of the same name.
ls() { echo not the real ls; }
ls
unset -f ls
ls nonexistent_dir_rawsh 2>/dev/null || echo real ls ran
