#!/usr/bin/env python3
"""make bench: rawsh against dash, busybox sh and the kernel's floor, in one run.

Every measurement runs its contenders in alternation, round after round, so that the load of
a shared machine falls on all of them alike; the figures are medians over the rounds and the
ratios are taken between medians of the same run. Prints the table and writes it as Markdown
(target/bench/bench.md) plus the data (bench.json), which plot.py draws.

Needs (built by `make bench`): the x86_64 and aarch64 release binaries, both initramfs
archives, and target/bench/bin/{tiny,spawnloop}. Python 3 standard library only.
"""

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "target", "bench")
BIN = os.path.join(OUT, "bin")
RAWSH = os.path.join(ROOT, "target", "x86_64-unknown-linux-gnu", "release", "rawsh")
RAWSH_AARCH64 = os.path.join(ROOT, "target", "aarch64-unknown-linux-gnu", "release", "rawsh")
# The same source built with `--cfg rawsh_notrace` (the Makefile makes it): no tracer check.
RAWSH_NOTRACE = os.path.join(OUT, "notrace", "x86_64-unknown-linux-gnu", "release", "rawsh")
TINY = os.path.join(BIN, "tiny")
SPAWNLOOP = os.path.join(BIN, "spawnloop")
PEAKRSS = os.path.join(BIN, "peakrss")

SCRIPT_LINES = 2000
PIPELINES = 500
STARTUP_BATCH = 200  # execs per spawnloop call; rounds of these alternate between shells
SPAWNBENCH_MIB = [0, 64, 1024]
RSS_ROUNDS = 3
STRATEGIES = ["fork", "vfork", "clone"]

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "15"))
# While working: BENCH_ONLY=script1,startup measures and prints only those (nothing written).
ONLY = os.environ["BENCH_ONLY"].split(",") if os.environ.get("BENCH_ONLY") else None
# To measure a change in one run: BENCH_BASELINE=/path/to/older/rawsh adds it as a contender
# ("baseline") to script 1, pipelines and start-up.
BASELINE = os.environ.get("BENCH_BASELINE")
ENV = dict(os.environ, PATH=BIN + ":" + os.environ.get("PATH", "/usr/bin:/bin"))
DASH = shutil.which("dash")
BUSYBOX = shutil.which("busybox")


NULL = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)]


def run(argv):
    """Runs argv to completion, output discarded; returns the wall time in ns."""
    t0 = time.perf_counter_ns()
    pid = os.posix_spawn(argv[0], argv, ENV, file_actions=NULL)
    _, status = os.waitpid(pid, 0)
    t1 = time.perf_counter_ns()
    if status != 0:
        sys.exit(f"bench: {' '.join(argv)}: exit status {status:#x}")
    return t1 - t0


def peak_rss(argv):
    """Runs argv to completion under peakrss (untimed: it is ptraced); returns its peak RSS in
    KiB."""
    r, w = os.pipe()
    actions = NULL + [(os.POSIX_SPAWN_DUP2, w, 2)]
    pid = os.posix_spawn(PEAKRSS, [PEAKRSS] + argv, ENV, file_actions=actions)
    _, status = os.waitpid(pid, 0)
    os.close(w)
    with os.fdopen(r) as f:
        rss = f.read().split()
    if status != 0 or not rss:
        sys.exit(f"bench: peakrss {' '.join(argv)}: exit status {status:#x}")
    return int(rss[-1])


def output(argv):
    return subprocess.run(argv, env=ENV, check=True, capture_output=True, text=True).stdout


def alternate(contenders, rounds, measure):
    """Runs measure(argv) for each contender in turn, `rounds` times, starting each round at
    the next contender; returns {name: [result per round]}."""
    results = {name: [] for name, _ in contenders}
    for r in range(rounds):
        for i in range(len(contenders)):
            name, argv = contenders[(r + i) % len(contenders)]
            results[name].append(measure(argv))
    return results


def median(xs):
    return statistics.median(xs)


def write_scripts():
    s1 = os.path.join(OUT, "script1.sh")
    with open(s1, "w") as f:
        f.write("tiny\n" * SCRIPT_LINES)
    s2 = os.path.join(OUT, "pipelines.sh")
    with open(s2, "w") as f:
        f.write("tiny | tiny | tiny\n" * PIPELINES)
    return s1, s2


def shells(script):
    baseline = [("baseline", [BASELINE, script])] if BASELINE else []
    return (
        [("rawsh " + s, [RAWSH, "--spawn=" + s, script]) for s in STRATEGIES]
        + baseline
        + [("dash", [DASH, script]), ("busybox sh", [BUSYBOX, "sh", script])]
    )


def section_script1(data, s1):
    print(f"  script 1: {SCRIPT_LINES} commands", flush=True)
    contenders = shells(s1) + [("floor (C vfork loop)", [SPAWNLOOP, str(SCRIPT_LINES), TINY])]
    if os.path.exists(RAWSH_NOTRACE):
        contenders.append(("rawsh clone, no tracer", [RAWSH_NOTRACE, "--spawn=clone", s1]))
    times = alternate(contenders, ROUNDS, run)
    rss = alternate(contenders, RSS_ROUNDS, peak_rss)
    data["script1"] = {
        name: {
            "us_per_cmd": median(times[name]) / SCRIPT_LINES / 1000,
            "rss_kib": median(rss[name]),
        }
        for name, _ in contenders
    }


def section_pipelines(data, s2):
    print(f"  pipelines: {PIPELINES} x 3 stages", flush=True)
    r = alternate(shells(s2), ROUNDS, run)
    data["pipelines"] = {name: median(t) / PIPELINES / 1000 for name, t in r.items()}


def section_startup(data):
    print(f"  startup: -c : exec'd {STARTUP_BATCH} x {ROUNDS} times each", flush=True)
    contenders = [
        ("rawsh", [SPAWNLOOP, str(STARTUP_BATCH), RAWSH, "-c", ":"]),
        ("dash", [SPAWNLOOP, str(STARTUP_BATCH), DASH, "-c", ":"]),
        ("busybox sh", [SPAWNLOOP, str(STARTUP_BATCH), BUSYBOX, "sh", "-c", ":"]),
        ("floor (tiny)", [SPAWNLOOP, str(STARTUP_BATCH), TINY]),
    ]
    if BASELINE:
        contenders.append(("baseline", [SPAWNLOOP, str(STARTUP_BATCH), BASELINE, "-c", ":"]))
    r = alternate(contenders, ROUNDS, lambda argv: int(output(argv)) / STARTUP_BATCH / 1000)
    data["startup"] = {name: median(us) for name, us in r.items()}


def section_spawnbench(data):
    print("  spawnbench: " + ", ".join(STRATEGIES) + f" at {SPAWNBENCH_MIB} MiB", flush=True)
    contenders = [
        ((s, mib), [RAWSH, "--applet", "spawnbench", s, str(n), str(mib), TINY])
        for mib in SPAWNBENCH_MIB
        for s in STRATEGIES
        for n in [200 if mib < 1024 else 100]
    ]
    pattern = re.compile(r"median=([0-9.]+)us p90=([0-9.]+)us")

    def spawnbench(argv):
        m = pattern.search(output(argv))
        if not m:
            sys.exit(f"bench: unexpected spawnbench output from {argv}")
        return float(m.group(1)), float(m.group(2))

    r = alternate(contenders, max(3, ROUNDS // 5), spawnbench)
    data["spawnbench"] = {
        s: {
            str(mib): {
                "median": median([a for a, _ in r[(s, mib)]]),
                "p90": median([b for _, b in r[(s, mib)]]),
            }
            for mib in SPAWNBENCH_MIB
        }
        for s in STRATEGIES
    }


def section_sizes(data):
    sizes = {
        "rawsh x86_64 (stripped)": RAWSH,
        "rawsh aarch64 (stripped)": RAWSH_AARCH64,
        "initramfs x86_64": os.path.join(ROOT, "target", "initramfs-x86_64.cpio"),
        "initramfs aarch64": os.path.join(ROOT, "target", "initramfs-aarch64.cpio"),
        "dash (dynamic, without libc)": os.path.realpath(DASH),
        "busybox (Debian)": os.path.realpath(BUSYBOX),
    }
    data["sizes"] = {k: os.path.getsize(p) for k, p in sizes.items() if os.path.exists(p)}


def main():
    for need, what in [(RAWSH, "make build")] + [(p, "make bench") for p in (TINY, SPAWNLOOP, PEAKRSS)]:
        if not os.path.exists(need):
            sys.exit(f"bench: {need} missing ({what} builds it)")
    if not DASH or not BUSYBOX:
        sys.exit("bench: dash and busybox are needed (make deps)")
    s1, s2 = write_scripts()
    load = os.getloadavg()[0]
    data = {
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, Linux {platform.release()}, "
        f"load {load:.1f} at start",
        "rounds": ROUNDS,
    }
    print(f"bench: {data['machine']}; {ROUNDS} rounds, alternating contenders", flush=True)
    sections = {
        "script1": lambda: section_script1(data, s1),
        "pipelines": lambda: section_pipelines(data, s2),
        "startup": lambda: section_startup(data),
        "spawnbench": lambda: section_spawnbench(data),
        "sizes": lambda: section_sizes(data),
    }
    for name, measure in sections.items():
        if ONLY is None or name in ONLY:
            measure()
    md = markdown(data)
    if ONLY is None:
        with open(os.path.join(OUT, "bench.json"), "w") as f:
            json.dump(data, f, indent=1)
        with open(os.path.join(OUT, "bench.md"), "w") as f:
            f.write(md)
    print()
    print(md)


def ratio(a, b):
    return f"{a / b:.2f}"


def against_dash(first, unit, times):
    """A table of `times` (name -> µs) and each one's ratio to dash's."""
    rows = [f"| {name} | {us:.1f} | {ratio(us, times['dash'])} |" for name, us in times.items()]
    return [f"| {first} | µs per {unit} | × dash |", "|---|---:|---:|", *rows, ""]


def markdown(d):
    lines = [f"Measured by `make bench` ({d['machine']}; medians of {d['rounds']} alternating rounds).", ""]
    targets = []
    if "script1" in d:
        s1 = d["script1"]
        floor = s1["floor (C vfork loop)"]["us_per_cmd"]
        dash, bb = s1["dash"]["us_per_cmd"], s1["busybox sh"]["us_per_cmd"]
        lines += [
            f"**Script throughput**: {SCRIPT_LINES} lines, each running a tiny static program "
            "(`exit_group(0)`); per command: the whole run (start-up included) divided by the lines.",
            "",
            "| runner | µs per command | × floor | × dash | × busybox | peak RSS (KiB) ¹ |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, v in s1.items():
            us = v["us_per_cmd"]
            lines.append(
                f"| {name} | {us:.1f} | {ratio(us, floor)} | {ratio(us, dash)} | {ratio(us, bb)} "
                f"| {v['rss_kib']:.0f} |"
            )
        lines += [
            "",
            "¹ The largest exact VmRSS of the process itself (not its children), read under ptrace "
            "before each unmapping and at exit by tools/bench/peakrss.c: resident pages of the "
            "executable and of shared libraries count. Measured in separate, untimed runs.",
            "",
        ]
        clone = s1["rawsh clone"]["us_per_cmd"]
        rss = s1["rawsh clone"]["rss_kib"]
        targets += [
            ("script 1: rawsh ≤ 1.05 × floor", f"{clone / floor:.2f}", clone / floor <= 1.05),
            ("script 1: rawsh ≤ 0.95 × dash", f"{clone / dash:.2f}", clone / dash <= 0.95),
            ("script 1: rawsh ≤ 0.55 × busybox", f"{clone / bb:.2f}", clone / bb <= 0.55),
            ("peak RSS on script 1 ≤ 256 KiB", f"{rss:.0f} KiB", rss <= 256),
        ]
        if "rawsh clone, no tracer" in s1:
            # The shipped binary (tracing compiled in, off) against the same source with the
            # tracer's check compiled out, both with the default strategy.
            bare = s1["rawsh clone, no tracer"]["us_per_cmd"]
            targets.append(
                ("tracing compiled in, off: script 1 ≤ 1.02 × without the tracer", f"{clone / bare:.2f}", clone / bare <= 1.02)
            )
    if "pipelines" in d:
        pl = d["pipelines"]
        lines += [
            f"**Pipelines**: {PIPELINES} lines `tiny | tiny | tiny`.",
            "",
            *against_dash("shell", "pipeline", pl),
        ]
        got = pl["rawsh clone"] / pl["dash"]
        targets.append(("pipelines: rawsh ≤ 0.5 × dash", f"{got:.2f}", got <= 0.5))
    if "startup" in d:
        st = d["startup"]
        lines += [
            f"**Start-up**: `SHELL -c :` exec'd {STARTUP_BATCH * d['rounds']} times each by a C "
            "vfork+execve+wait4 loop; the floor is the tiny program in the same loop.",
            "",
            *against_dash("command", "run", st),
        ]
        got = st["rawsh"] / st["dash"]
        targets.append(("startup: rawsh ≤ 0.15 × dash", f"{got:.2f}", got <= 0.15))
    if "spawnbench" in d:
        sb = d["spawnbench"]
        lines += [
            "**spawnbench** `STRATEGY N BALLAST_MIB tiny`: one spawn+wait after touching "
            "BALLAST MiB, median (p90) µs.",
            "",
            "| strategy | " + " | ".join(f"{m} MiB" for m in SPAWNBENCH_MIB) + " | 1024 / 0 |",
            "|---|" + "---:|" * (len(SPAWNBENCH_MIB) + 1),
        ]
        for s, by in sb.items():
            cells = [f"{by[str(m)]['median']:.1f} ({by[str(m)]['p90']:.1f})" for m in SPAWNBENCH_MIB]
            lines.append(
                f"| {s} | " + " | ".join(cells) + f" | {ratio(by['1024']['median'], by['0']['median'])} |"
            )
        lines.append("")
        for s in ["clone", "vfork"]:
            got = sb[s]["1024"]["median"] / sb[s]["0"]["median"]
            targets.append((f"spawnbench {s}: 1024 MiB ≤ 1.2 × 0 MiB", f"{got:.2f}", got <= 1.2))
    if "sizes" in d:
        lines += ["**Sizes**", "", "| file | bytes | KiB |", "|---|---:|---:|"]
        for name, n in d["sizes"].items():
            lines.append(f"| {name} | {n} | {n / 1024:.1f} |")
        lines.append("")
        size = d["sizes"]["rawsh x86_64 (stripped)"] / 1024
        targets.append(("x86_64 stripped binary ≤ 128 KiB", f"{size:.1f} KiB", size <= 128))
    lines += ["**Targets** (issue 7)", "", "| target | measured | met |", "|---|---:|---|"]
    for what, got, met in targets:
        lines.append(f"| {what} | {got} | {'yes' if met else 'no'} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
