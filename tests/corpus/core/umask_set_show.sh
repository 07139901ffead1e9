# umask sets the mask and umask prints it as four octal digits.
umask 077
umask
umask 0022
umask
umask 2
umask
