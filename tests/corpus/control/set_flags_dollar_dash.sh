# $- shows set flags.
set -e
case $- in *e*) echo e is on;; esac
set +e
case $- in *e*) echo e still on;; *) echo e is off;; esac
