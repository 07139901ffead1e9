# $! is set to a number after &.
true &
case $! in ''|*[!0-9]*) echo bad;; *) echo number;; esac
wait
