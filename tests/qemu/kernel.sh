#!/bin/sh
# Puts Debian's kernel image for ARCH (x86_64 | aarch64) into target/kernel/vmlinuz-ARCH, once.
# Only the kernel is extracted from the package: a cpio initramfs needs no modules.
set -eu
arch=${1:-x86_64}
case $arch in
x86_64) deb=amd64 ;;
aarch64) deb=arm64 ;;
*) echo "kernel.sh: unknown arch: $arch" >&2; exit 2 ;;
esac
out=target/kernel/vmlinuz-$arch
[ -s "$out" ] && exit 0

if [ "$deb" != "$(dpkg --print-architecture)" ] &&
	! dpkg --print-foreign-architectures | grep -qx "$deb"; then
	dpkg --add-architecture "$deb"
	apt-get update -qq
fi
# linux-image-amd64 is a metapackage: the real one is its linux-image-<version> dependency.
pkg=$(apt-cache depends "linux-image-$deb:$deb" 2>/dev/null | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1)
if [ -z "$pkg" ]; then
	apt-get update -qq
	pkg=$(apt-cache depends "linux-image-$deb:$deb" | sed -n 's/^ *Depends: \(linux-image-[0-9][^:]*\).*/\1/p' | head -n 1)
fi
[ -n "$pkg" ] || { echo "kernel.sh: no kernel package for $deb" >&2; exit 1; }

mkdir -p target/kernel
tmp=$(mktemp -d)
chmod 755 "$tmp" # apt-get download drops to the _apt user
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && apt-get download -q "$pkg:$deb" >/dev/null)
dpkg-deb --fsys-tarfile "$tmp"/*.deb | tar -x -C "$tmp" --wildcards './boot/vmlinuz-*'
mv "$tmp"/boot/vmlinuz-* "$out.part"
mv "$out.part" "$out"
echo "kernel: $out ($pkg)"
