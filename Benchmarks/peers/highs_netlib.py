"""Peer for `hycnn-bench netlib --highs`: HiGHS (highspy) on MPS files by its interior point
(`solver=ipm`, which is IPX in the PyPI build), one after another in this one process. Each
file is read by `readModel` (it reads .mps.gz itself), outside the timing; only `run()` is
timed. Options: `output_flag` false, `time_limit` SECONDS, threads as HiGHS defaults them
(`threads` 0: HiGHS chooses), crossover as HiGHS ships it (on) and, with `--crossover both`,
a second run of each file with `run_crossover` off. One untimed solve of the smallest file
comes first, so that no problem pays the library's first-call costs. Prints one JSON line
per run:

    {"problem": NAME, "crossover": "on"|"off", "seconds": S, "status": HiGHS model status,
     "objective": F, "ipm_iterations": K, "crossover_iterations": K}

(NaN and infinities as the strings "nan", "inf", "-inf".)

Usage: python3 highs_netlib.py [--time-limit SECONDS] [--crossover on|off|both] NAME=FILE...
(NAME= may be left out; the name is then the file's name without .mps/.mps.gz.)
"""
import argparse
import json
import math
import os
import sys
import time

import highspy


def solve(path, crossover, time_limit):
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("solver", "ipm")
    h.setOptionValue("run_crossover", crossover)
    if h.readModel(path) == highspy.HighsStatus.kError:
        return {"seconds": float("nan"), "status": "cannot read the file", "objective": float("nan"),
                "ipm_iterations": 0, "crossover_iterations": 0}
    h.setOptionValue("time_limit", time_limit)  # set after reading: the reader counts against it too
    start = time.perf_counter()
    h.run()
    seconds = time.perf_counter() - start
    info = h.getInfo()
    return {
        "seconds": seconds,
        "status": h.modelStatusToString(h.getModelStatus()),
        "objective": info.objective_function_value,
        "ipm_iterations": info.ipm_iteration_count,
        "crossover_iterations": info.crossover_iteration_count,
    }


def finite_or_text(value):
    """NaN and infinities as the strings "nan", "inf", "-inf" (JSON has no such numbers)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return value


def named(item):
    if "=" in item:
        name, path = item.split("=", 1)
        return name, path
    base = os.path.basename(item)
    for suffix in (".gz", ".mps"):
        base = base[: -len(suffix)] if base.endswith(suffix) else base
    return base, item


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--time-limit", type=float, default=float("inf"))
    parser.add_argument("--crossover", choices=["on", "off", "both"], default="on")
    parser.add_argument("files", nargs="+")
    arguments = parser.parse_args()
    problems = [named(item) for item in arguments.files]
    modes = ["on", "off"] if arguments.crossover == "both" else [arguments.crossover]
    readable = [path for _, path in problems if os.path.isfile(path)]
    if readable:
        solve(min(readable, key=os.path.getsize), "on", arguments.time_limit)
    for name, path in problems:
        for mode in modes:
            run = {"problem": name, "crossover": mode}
            run.update(solve(path, mode, arguments.time_limit))
            print(json.dumps({k: finite_or_text(v) for k, v in run.items()}), flush=True)


if __name__ == "__main__":
    main()
