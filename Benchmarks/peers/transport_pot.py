"""Peer for `hycnn-bench transport`: POT's exact solver `ot.emd` (LEMON's network simplex in
C++) on the same points the Swift bench drew, in the same invocation.

The bench writes the source and target points as raw little-endian float64, row-major
(n × d and m × d). This script builds the squared Euclidean cost with `ot.dist`, solves with
uniform weights and an unlimited iteration budget (REPEATS times, default 1; the median time
is reported), and prints one line:

    dist_seconds emd_seconds cost iterations_warning

Usage: python3 transport_pot.py SOURCE.bin TARGET.bin n m d [REPEATS]
"""
import sys
import time

import numpy as np
import ot


def main():
    source, target, n, m, d = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
    repeats = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    x = np.fromfile(source, dtype="<f8").reshape(n, d)
    y = np.fromfile(target, dtype="<f8").reshape(m, d)
    a = np.full(n, 1.0 / n)
    b = np.full(m, 1.0 / m)
    start = time.perf_counter()
    cost = ot.dist(x, y, metric="sqeuclidean")
    dist_seconds = time.perf_counter() - start
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        plan, log = ot.emd(a, b, cost, numItermax=2_000_000_000, log=True)
        times.append(time.perf_counter() - start)
    emd_seconds = sorted(times)[len(times) // 2]
    warning = (log.get("warning") or "none").replace(" ", "_")
    print(f"{dist_seconds:.6f} {emd_seconds:.6f} {log['cost']!r} {warning}")


if __name__ == "__main__":
    main()
