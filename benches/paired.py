#!/usr/bin/env python3
"""Paired timing of two commands: A, B, A, B, ... (after warm-up runs), so that both
see the same machine load at nearly the same moment. Prints the median wall time of
each, and the median and quartiles of the per-pair ratios A/B.

Usage: paired.py RUNS "command A" "command B"   (commands split like a shell, no shell)
"""
import os
import shlex
import statistics
import sys
import time


def run(argv):
    devnull = os.open(os.devnull, os.O_WRONLY)
    start = time.perf_counter()
    pid = os.posix_spawnp(argv[0], argv, os.environ, file_actions=[
        (os.POSIX_SPAWN_DUP2, devnull, 1), (os.POSIX_SPAWN_DUP2, devnull, 2)])
    _, status = os.waitpid(pid, 0)
    elapsed = time.perf_counter() - start
    os.close(devnull)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {shlex.join(argv)}")
    return elapsed


def main():
    runs, a, b = int(sys.argv[1]), shlex.split(sys.argv[2]), shlex.split(sys.argv[3])
    for _ in range(3):
        run(a), run(b)
    ta, tb = [], []
    for _ in range(runs):
        ta.append(run(a))
        tb.append(run(b))
    ratios = sorted(x / y for x, y in zip(ta, tb))
    q = statistics.quantiles(ratios, n=4)
    print(f"A: {shlex.join(a)}\nB: {shlex.join(b)}")
    print(f"runs: {runs} pairs; load average: {os.getloadavg()[0]:.2f}")
    print(f"A median {statistics.median(ta) * 1e3:.1f} ms (min {min(ta) * 1e3:.1f})")
    print(f"B median {statistics.median(tb) * 1e3:.1f} ms (min {min(tb) * 1e3:.1f})")
    print(f"A/B median of pairs {statistics.median(ratios):.2f} (quartiles {q[0]:.2f}-{q[2]:.2f})")


main()
