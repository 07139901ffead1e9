# New files get the mode allowed by the umask.
umask 077
: > private
umask 022
: > public
ls -l private public | cut -c1-10
