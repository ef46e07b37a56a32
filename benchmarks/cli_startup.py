"""How long `evidence-review --help` takes, against `python -c pass` in the same run.

Target (issue 2): under 0.5 s. Prints the median of several runs of each and the difference.
Usage: python benchmarks/cli_startup.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def _time(cmd: list[str], runs: int) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    base = _time([sys.executable, "-c", "pass"], args.runs)
    helptime = _time([sys.executable, "-m", "evidence_review", "--help"], args.runs)
    print(f"python -c pass           {base:.3f} s (median of {args.runs})")
    print(f"evidence-review --help   {helptime:.3f} s (median of {args.runs}), "
          f"{helptime / base:.1f}x interpreter start; target < 0.5 s: "
          f"{'met' if helptime < 0.5 else 'NOT met'}")


if __name__ == "__main__":
    main()
