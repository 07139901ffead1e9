# ${V?msg} on an unset variable aborts a non-interactive shell with status 2.
S=set
echo "${S?no}"
echo "${U?is unset}"
echo not reached
