#!/bin/sh
# Builds target/initramfs-ARCH.cpio from target/ARCH-unknown-linux-gnu/release/rawsh.
#
# The archive is written here, not by cpio(1): it must hold /dev/console (a character device,
# 5:1) owned by root, which cpio can only copy from a real node that mknod makes as root.
# The kernel opens /dev/console for init's fds 0-2 before anything is mounted (init/main.c,
# console_on_rootfs), so without it /init starts with no stdin/stdout.
#
# Format: cpio "newc" (Linux Documentation/driver-api/early-userspace/buffer-format.rst):
# per entry a 110-byte ASCII header ("070701" and 13 fields of 8 hex digits), the
# NUL-terminated name, padding to 4 bytes, the data, padding to 4 bytes; "TRAILER!!!" last.
# All entries are owned by 0:0 with mtime 0, so the archive is reproducible.
set -eu
arch=${1:-x86_64}
bin=target/$arch-unknown-linux-gnu/release/rawsh
out=target/initramfs-$arch.cpio
[ -f "$bin" ] || { echo "initramfs.sh: $bin missing: build it first" >&2; exit 1; }

# Programs reached through argv[0]: /bin/NAME -> /init.
APPLETS="cat echo ls mkdir rm sleep env uname ps mount selftest spawnbench"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ino=0

pad() { # pad N: NUL bytes up to the next multiple of 4 after N bytes
	n=$(((4 - $1 % 4) % 4))
	[ "$n" -eq 0 ] || head -c "$n" /dev/zero
}

# entry NAME MODE DATAFILE [RDEVMAJOR RDEVMINOR]: one archive member; DATAFILE may be empty.
entry() {
	ino=$((ino + 1))
	size=0
	[ -z "$3" ] || size=$(wc -c <"$3")
	namesize=$((${#1} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		"$ino" "$2" 0 0 1 0 "$size" 0 0 "${4:-0}" "${5:-0}" "$namesize" 0
	printf '%s\000' "$1"
	pad $((110 + namesize))
	if [ -n "$3" ]; then
		cat "$3"
		pad "$size"
	fi
}
dir() { entry "$1" $((0040755)) ""; }

cat >"$tmp/rc" <<'RC'
# /etc/rc: run by rawsh's init (PID 1) before the prompt.
echo "rawsh: /etc/rc on $(uname -m)"
mounts=$(cat /proc/mounts)
for fs in devtmpfs proc sysfs tmpfs; do
	case $mounts in
	*" $fs "*) ;;
	*) echo "rc: no $fs mounted" ;;
	esac
done
if ls /dev/null >/dev/null 2>&1; then :; else echo "rc: /dev is empty"; fi
RC

{
	for d in bin dev etc proc sys tmp; do dir "$d"; done
	entry dev/console $((0020600)) "" 5 1
	entry init $((0100755)) "$bin"
	for a in $APPLETS; do
		printf /init >"$tmp/link"
		entry "bin/$a" $((0120777)) "$tmp/link"
	done
	entry etc/rc $((0100644)) "$tmp/rc"
	entry TRAILER!!! 0 ""
} >"$out.part"
# The whole archive is padded to a 512-byte block, as cpio does.
size=$(wc -c <"$out.part")
[ $((size % 512)) -eq 0 ] || head -c $((512 - size % 512)) /dev/zero >>"$out.part"
mv "$out.part" "$out"
echo "initramfs: $out, $(wc -c <"$out") bytes"
