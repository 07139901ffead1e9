# umask in a subshell does not change the parent's.
umask 022
(umask 077; umask)
umask
