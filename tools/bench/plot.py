#!/usr/bin/env python3
"""Draws spawnbench from target/bench/bench.json: spawn+wait latency against the parent's
memory, one line per strategy, as SVG. Run by `make bench` with matplotlib from a venv."""

import json
import os
import sys

import matplotlib

matplotlib.use("svg")
import matplotlib.pyplot as plt  # noqa: E402

src, dst = sys.argv[1], sys.argv[2]
with open(src) as f:
    data = json.load(f)
fig, ax = plt.subplots(figsize=(6.4, 4))
for strategy, by in data["spawnbench"].items():
    mib = sorted(by, key=int)
    ax.plot(
        [int(m) for m in mib],
        [by[m]["median"] for m in mib],
        marker="o",
        label=strategy,
    )
ax.set_xlabel("parent's touched memory (MiB)")
ax.set_ylabel("spawn + wait, median (µs, log scale)")
# fork grows by orders of magnitude; vfork and clone stay flat: only a log scale shows both.
ax.set_yscale("log")
ax.set_title("rawsh spawnbench: exec of a tiny static program")
ax.grid(True, alpha=0.3)
ax.legend()
fig.tight_layout()
matplotlib.rcParams["svg.hashsalt"] = "rawsh"  # stable ids: the same data, the same file
fig.savefig(dst, metadata={"Date": None})
print(f"plot: {os.path.relpath(dst)}")
