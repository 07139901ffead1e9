#!/bin/sh
# Registers Debian's qemu-aarch64 binfmt_misc rule so aarch64 binaries exec directly (needed
# when an aarch64 rawsh under qemu-user re-execs itself). Needs root; harmless if it cannot.
set -u
dir=/proc/sys/fs/binfmt_misc
[ -e "$dir/qemu-aarch64" ] && exit 0
[ "$(id -u)" = 0 ] || { echo "binfmt: not root, aarch64 re-exec checks will SKIP" >&2; exit 0; }
[ -e "$dir/register" ] || mount -t binfmt_misc binfmt_misc "$dir" 2>/dev/null
rule=/usr/lib/binfmt.d/qemu-aarch64.conf
if [ -w "$dir/register" ] && [ -r "$rule" ]; then
	cat "$rule" > "$dir/register" 2>/dev/null || echo "binfmt: could not register $rule" >&2
fi
exit 0
