#!/usr/bin/env python3
"""make order: writes linker/hot.ld, the order of rawsh's hot functions in its text.

Why: the kernel maps a file-backed text in aligned 64 KiB windows ("fault-around": one page
fault maps the whole window's cached pages), and every mapped page counts in the process's
RSS. With the functions in the compiler's order, running any script touched all four windows
of the text, so the whole text was resident. Put first what every script runs and the rest
(line editor, applets, selftest, the tracer's printing, rare builtins) after it, and a script
that only runs commands maps one or two windows.

How: an unstripped release build (target/order) runs workloads under callgrind; the functions
they execute, by mangled name without the hash, become input-section patterns that the
linker scripts (linker/x86_64.ld, linker/aarch64.ld) place right after `_start`:
  tier 1: `rawsh -c :`, and a script of commands and pipelines under each spawn strategy;
  tier 2: tools/order/typical.sh, the common language (if, case, loops, functions, $(...)).
callgrind cannot follow a child that shares the parent's memory (vfork, clone), so the code a
spawned child runs before execve, which touches the parent's pages, is named by module.
A function renamed since the last `make order` only moves to the cold tail: the binary stays
correct, the RSS figure of `make bench` shows it. Needs valgrind (the Makefile installs it).
"""

import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET_DIR = os.path.join(ROOT, "target", "order")
RAWSH = os.path.join(TARGET_DIR, "x86_64-unknown-linux-gnu", "release", "rawsh")
TINY_DIR = os.path.join(ROOT, "target", "bench", "bin")
OUT = os.path.join(ROOT, "linker", "hot.ld")

# What a spawned child runs in the parent's address space before execve.
CHILD_SIDE = ["rawsh2rt5spawn", "rawsh2rt5group", "rawsh2rt5stack", "rawsh2rt6caught",
              "rawsh3sys7process", "rawsh3sys6signal",
              "rawsh3sys2fd"]

COMMANDS = "".join(["tiny\n" * 20, "tiny | tiny | tiny\n" * 5])


def build():
    env = dict(os.environ, CARGO_TARGET_DIR=TARGET_DIR, CARGO_PROFILE_RELEASE_STRIP="false")
    subprocess.run(["cargo", "build", "--release", "--target", "x86_64-unknown-linux-gnu"],
                   cwd=ROOT, env=env, check=True)


def executed(argv, workdir):
    """The mangled names of the functions argv executes, from callgrind's output files."""
    env = dict(os.environ, PATH=TINY_DIR + ":" + os.environ.get("PATH", "/usr/bin:/bin"))
    for f in os.listdir(workdir):
        os.unlink(os.path.join(workdir, f))
    subprocess.run(["valgrind", "--tool=callgrind", "--demangle=no",
                    "--callgrind-out-file=" + os.path.join(workdir, "cg.%p")] + argv,
                   env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    names = set()
    for f in os.listdir(workdir):
        with open(os.path.join(workdir, f), errors="replace") as cg:
            for line in cg:
                m = re.match(r"c?fn=\(\d+\) (\S+)$", line)
                if m and not m.group(1).startswith("0x"):
                    names.add(m.group(1))
    return names


def symbols():
    """The binary's function symbols: mangled name -> size, and address -> names (lld's
    identical code folding leaves the names of all the copies it merged on the one kept)."""
    out = subprocess.run(["nm", "-S", RAWSH], check=True, capture_output=True, text=True).stdout
    sizes, at = {}, {}
    for line in out.splitlines():
        p = line.split()
        if len(p) == 4 and p[2] in "tT":
            sizes[p[3]] = int(p[1], 16)
            at.setdefault(p[0], []).append(p[3])
    return sizes, at


def with_twins(names, at):
    """`names` and every function folded with one of them: which copy the linker keeps is
    its choice, so all of them are placed as hot."""
    out = set(names)
    for twins in at.values():
        if out.intersection(twins):
            out.update(twins)
    return out


def pattern(name):
    """An input-section glob for a function: legacy-mangled names (rawsh's) lose their hash
    (`17h<16 hex>E`, which changes with every edit), v0 names (the precompiled core's and
    alloc's) their crate disambiguators (`Cs<base 62>_`, which differ between the targets);
    `$` (in `$LT$impl$u20$...`) becomes `?`, since linker scripts do not take it unquoted."""
    name = re.sub(r"17h[0-9a-f]{16}E$", "17h*", name)
    if name.startswith("_R"):
        name = re.sub(r"Cs[0-9A-Za-z]+_", "Cs*_", name)
    name = name.replace("$", "?")
    # LLVM puts functions it thinks cold in `.text.unlikely.*`: some run all the time
    # (`RawVecInner::finish_grow`, behind every growing Vec).
    return f"*(.text.{name} .text.unlikely.{name})"


def main():
    build()
    sizes, at = symbols()
    with tempfile.TemporaryDirectory() as work:
        cg = os.path.join(work, "cg")
        os.mkdir(cg)
        tier1 = executed([RAWSH, "-c", ":"], cg)
        for strategy in ["fork", "vfork", "clone"]:
            script = os.path.join(work, "commands.sh")
            with open(script, "w") as f:
                f.write(f"spawn {strategy}\n" + COMMANDS)
            tier1 |= executed([RAWSH, script], cg)
        tier2 = executed([RAWSH, os.path.join(ROOT, "tools", "order", "typical.sh")], cg)
    tier1 = with_twins({n for n in tier1 if n in sizes}, at)
    tier2 = with_twins({n for n in tier2 if n in sizes}, at) - tier1

    def size(names):
        return sum(sizes[n] for n in names)

    lines = [
        "/* Generated by `make order` (tools/order/order.py): the functions every script runs,",
        " * then those an ordinary script adds, placed before the rest of the text so that a",
        " * script maps as few of the kernel's 64 KiB fault-around windows as it can.",
        f" * Tier 1: {len(tier1)} functions, {size(tier1)} bytes; tier 2: {len(tier2)},"
        f" {size(tier2)} bytes; all: {len(sizes)}, {sum(sizes.values())} bytes. */",
        "*(.text)",
    ]
    lines += [f"*(.text._ZN5{m}*)" for m in CHILD_SIDE]
    for tier in (tier1, tier2):
        lines += sorted({pattern(n) for n in tier})
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print(f"order: wrote {OUT}: tier 1 {size(tier1)} bytes, tier 2 {size(tier2)} bytes"
          f" of {sum(sizes.values())}")


if __name__ == "__main__":
    sys.exit(main())
