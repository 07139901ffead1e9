# rawsh: build, run, test, bench, initramfs and QEMU boot, for x86_64 and aarch64.
# `make test` on a fresh machine installs what it needs (Debian packages, Rust targets).

ARCH ?= x86_64
TARGETS := x86_64-unknown-linux-gnu aarch64-unknown-linux-gnu
BIN_x86_64 := target/x86_64-unknown-linux-gnu/release/rawsh
BIN_aarch64 := target/aarch64-unknown-linux-gnu/release/rawsh
BIN := $(BIN_$(ARCH))

# Debian packages: qemu-user runs the aarch64 binary and test harness; the cross gcc links the
# aarch64 harness; qemu-system boots the initramfs; dash and busybox are the references;
# tmux gives the interactive tests a terminal whose screen they can read.
# qemu-utils comes from backports on these machines and Breaks the stable qemu-system: drop it.
DEBS := qemu-user qemu-system-x86 qemu-system-arm gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
	dash busybox cpio tmux
STAMP := target/.deps-installed

.PHONY: all build run test unit itest deps clean
all: build

$(STAMP):
	@mkdir -p target
	@if ! dpkg -s $(DEBS) >/dev/null 2>&1; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(DEBS) qemu-utils- >/dev/null; fi
	rustup toolchain install --no-self-update >/dev/null 2>&1 || true
	rustup target add $(TARGETS) >/dev/null
	./tests/binfmt.sh
	@touch $@

deps: $(STAMP)

build: $(STAMP)
	cargo build --release --target x86_64-unknown-linux-gnu
	cargo build --release --target aarch64-unknown-linux-gnu

run: $(STAMP)
	cargo build --release --target $(ARCH)-unknown-linux-gnu
	$(BIN)

unit: $(STAMP)
	cargo test --lib --target x86_64-unknown-linux-gnu
	cargo test --lib --target aarch64-unknown-linux-gnu

# Integration tests run the release binary of the arch named by RAWSH_ARCH (through
# qemu-aarch64 for aarch64).
itest: build
	RAWSH_ARCH=x86_64 cargo test --release --target x86_64-unknown-linux-gnu --test '*'
	RAWSH_ARCH=aarch64 cargo test --release --target x86_64-unknown-linux-gnu --test '*'

test: unit itest boot-test

# --- QEMU boot: kernel, initramfs, qemu, boot-test (tests/qemu/, tests/boot.rs) ----------------
# TCG only: /dev/kvm exists on these machines but hangs the guest.
QEMU_x86_64 := qemu-system-x86_64 -M pc
QEMU_aarch64 := qemu-system-aarch64 -M virt -cpu cortex-a57
CONSOLE_x86_64 := ttyS0
CONSOLE_aarch64 := ttyAMA0

.PHONY: kernel initramfs qemu boot-test
kernel: $(STAMP)
	./tests/qemu/kernel.sh x86_64
	./tests/qemu/kernel.sh aarch64

initramfs: $(STAMP)
	cargo build --release --target $(ARCH)-unknown-linux-gnu
	./tests/qemu/initramfs.sh $(ARCH)

# The serial console is this terminal; Ctrl-A X quits qemu.
qemu: initramfs
	./tests/qemu/kernel.sh $(ARCH)
	$(QEMU_$(ARCH)) -nographic -no-reboot -m 256 -kernel target/kernel/vmlinuz-$(ARCH) \
		-initrd target/initramfs-$(ARCH).cpio -append "console=$(CONSOLE_$(ARCH)) panic=-1 quiet"

boot-test: build kernel
	cargo test --release --target x86_64-unknown-linux-gnu --test boot -- --ignored --test-threads=1 --nocapture
# --- end of QEMU boot ------------------------------------------------------------------------------

# --- fuzzing (fuzz/: a crate with its own workspace, so it never enters the shipped binary) -----
# `make fuzz [FUZZ_SECONDS=60] [FUZZ_TARGETS="parse expand arith pattern"]`: each target runs
# under libFuzzer (cargo-fuzz, which needs nightly) for FUZZ_SECONDS, growing fuzz/corpus/<target>.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= parse expand arith pattern

.PHONY: fuzz
fuzz:
	rustup toolchain install nightly --profile minimal --no-self-update >/dev/null
	cargo +nightly fuzz --version >/dev/null 2>&1 || cargo +nightly install cargo-fuzz --locked
	for t in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$t && \
		cargo +nightly fuzz run --fuzz-dir fuzz $$t fuzz/corpus/$$t -- \
			-max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 || exit 1; \
	done
# --- end of fuzzing ------------------------------------------------------------------------------

clean:
	cargo clean

# --- bench: rawsh vs dash, busybox sh and the C floor (tools/bench/, issue 7) --------------------
# One run on this machine: builds both binaries and initramfs archives, the tiny program and
# the C spawn loop, runs tools/bench/bench.py (alternating contenders, medians and ratios),
# writes target/bench/bench.md and draws target/bench/spawnbench.svg with matplotlib, installed
# with pip into target/bench/venv on first use (the plot is skipped if that fails).
BENCH := target/bench
BENCH_VENV := $(BENCH)/venv

.PHONY: bench
$(BENCH)/bin/tiny: tools/bench/tiny.S
	@mkdir -p $(BENCH)/bin
	gcc -c $< -o $(BENCH)/tiny.o
	ld -static -o $@ $(BENCH)/tiny.o

$(BENCH)/bin/spawnloop: tools/bench/spawnloop.c
	@mkdir -p $(BENCH)/bin
	gcc -O2 -static -o $@ $<

$(BENCH)/bin/peakrss: tools/bench/peakrss.c
	@mkdir -p $(BENCH)/bin
	gcc -O2 -static -o $@ $<

$(BENCH_VENV)/.ok:
	python3 -m venv $(BENCH_VENV) && $(BENCH_VENV)/bin/pip install -q matplotlib && touch $@ \
		|| echo "bench: matplotlib could not be installed: no plot"

# The same rawsh with the tracer's per-syscall check compiled out (--cfg rawsh_notrace, a
# target directory of its own): what the check costs when tracing is off.
$(BENCH)/notrace/x86_64-unknown-linux-gnu/release/rawsh: FORCE
	RUSTFLAGS="--cfg rawsh_notrace" cargo build --release --target x86_64-unknown-linux-gnu --target-dir $(BENCH)/notrace

.PHONY: FORCE
FORCE:

bench: build $(BENCH)/bin/tiny $(BENCH)/bin/spawnloop $(BENCH)/bin/peakrss $(BENCH_VENV)/.ok \
		$(BENCH)/notrace/x86_64-unknown-linux-gnu/release/rawsh
	./tests/qemu/initramfs.sh x86_64
	./tests/qemu/initramfs.sh aarch64
	python3 tools/bench/bench.py
	if [ -f $(BENCH_VENV)/.ok ]; then $(BENCH_VENV)/bin/python tools/bench/plot.py $(BENCH)/bench.json $(BENCH)/spawnbench.svg; fi
# `make order` rewrites linker/hot.ld from callgrind runs (tools/order/order.py); commit the
# result. Only worth redoing after changes to what every script runs.
.PHONY: order
order: $(STAMP) $(BENCH)/bin/tiny
	@command -v valgrind >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq valgrind >/dev/null; }
	python3 tools/order/order.py
# --- end of bench --------------------------------------------------------------------------------
