# hash: where commands were found; `hash NAME` as the test for a command; -r forgets.
# `set -o` lists the options under a header, `set +o` as commands.
hash
ls >/dev/null
hash
hash -r
hash
hash cat; echo "cat: $?"
hash
hash nosuch_command_xyz 2>/dev/null; echo "missing: $?"
hash cd; echo "builtin: $?"
if hash sh 2>/dev/null; then echo "sh is there"; fi
hash -v; echo "bad option: $?"
set -o | head -1
set -e
set +o | grep -c 'set -o errexit'
