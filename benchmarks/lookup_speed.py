"""A look-up as a whole process, against loading jieba, in one run.

Usage: python benchmarks/lookup_speed.py [--glossary PATH] [--runs N] [QUERY]

Times ``glossary lookup QUERY`` (a fresh process each run, as a user types it) and the
baseline ``python -c "import jieba; jieba.initialize()"``, and prints the medians and the
ratio. The look-up is meant to take at most a third of the baseline.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bytecode import write_bytecode

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(command: list[str], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=False, capture_output=True)
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("query", nargs="?", default="智能体")
    parser.add_argument("--glossary", default=str(ROOT / "build" / "glossary.sqlite"))
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    write_bytecode()  # as an installed package has it (see bytecode.py)
    if not Path(args.glossary).exists():
        sys.exit(f"{args.glossary}: no glossary; run `glossary build` first")
    lookup = [sys.executable, "-m", "glossary", "lookup", args.query, "--glossary", args.glossary]
    baseline = [sys.executable, "-c", "import jieba; jieba.initialize()"]
    ours = median_seconds(lookup, args.runs)
    theirs = median_seconds(baseline, args.runs)
    print(f"glossary lookup {args.query}:            {ours * 1000:7.1f} ms (median of {args.runs})")
    print(f"import jieba; jieba.initialize() (baseline): {theirs * 1000:7.1f} ms")
    print(f"ratio lookup/baseline: {ours / theirs:.2f} (target ≤ 0.33)")


if __name__ == "__main__":
    main()
