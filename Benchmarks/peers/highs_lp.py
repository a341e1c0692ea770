"""Peer for `hycnn-bench surrogate-lp`: HiGHS (highspy) on the LP the bench wrote with
--write-mps (with --highs the bench writes it and runs this script itself), by its dual simplex and by its interior point (with its default crossover), each
REPEATS times (default 7) on a freshly read model; only `run()` is timed. Prints one line per
method:

    method min_seconds median_seconds objective status

Usage: python3 highs_lp.py MODEL.mps [REPEATS]
"""
import statistics
import sys
import time

import highspy


def solve(path, method):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", method)
    h.readModel(path)
    start = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - start
    return seconds, h.getInfo().objective_function_value, h.modelStatusToString(h.getModelStatus())


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 7
    for method in ["simplex", "ipm"]:
        runs = [solve(path, method) for _ in range(repeats)]
        times = [r[0] for r in runs]
        print(f"highs-{method} {min(times):.4f} {statistics.median(times):.4f} {runs[0][1]:.10g} {runs[0][2]}")


if __name__ == "__main__":
    main()
