"""Writing every sentence: `glossary extract` without --max-contexts, which keeps the first 20
sentences of each term in memory and spills the rest to a temporary file, against the same
run holding every sentence in memory (the baseline, what the tool did before it spilled).

Usage: python benchmarks/every_sentence.py [--cuts 10 50] [--cache DIR] [--repeat N]

For each cut `benchmarks/corpus.py` built, in fresh processes taken in turns: extraction with
every sentence written as JSONL to a temporary file, both ways, printing the time, the peak
RSS of the main process and of the largest worker, their ratios, and whether the two outputs
are the same byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bytecode import write_bytecode

_CHILD = r"""
import json, resource, sys, time
side, folder, output = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
from glossary.engine import EngineOptions
from glossary.output import write_jsonl
from glossary.pipeline import ExtractOptions, extract
result = extract([folder], ExtractOptions(spill_contexts=side == "spilled"),
                 engine=EngineOptions(workers=0))
with open(output, "w", encoding="utf-8") as handle:
    write_jsonl(result.full_entries(), handle)
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "main_mib": own / 1024, "worker_mib": workers / 1024}))
"""

ROOT = Path(__file__).resolve().parent.parent
SIDES = {
    "in-memory": "every sentence in memory (baseline)",
    "spilled": "past 20 per term on disk",
}


def run(side: str, folder: Path, output: Path) -> dict[str, float]:
    environment = dict(os.environ)
    environment.pop("PYTHONPATH", None)
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, side, str(folder), str(output)],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=ROOT,
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def digest(path: Path) -> str:
    hashed = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            hashed.update(block)
    return hashed.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "glossary-bench"))
    parser.add_argument("--repeat", type=int, default=1, help="median of N runs of each side")
    args = parser.parse_args()
    write_bytecode()  # as an installed package has it (see bytecode.py)
    for megabytes in args.cuts:
        folder = Path(args.cache) / f"cut-{megabytes}mb"
        if not folder.exists():
            sys.exit(f"{folder}: missing; run python benchmarks/corpus.py first")
        runs: dict[str, list[dict[str, float]]] = {side: [] for side in SIDES}
        digests: dict[str, set[str]] = {side: set() for side in SIDES}
        with tempfile.TemporaryDirectory() as tmp:
            for _ in range(args.repeat):  # the sides take turns
                for side in SIDES:
                    output = Path(tmp) / f"{side}.jsonl"
                    runs[side].append(run(side, folder, output))
                    digests[side].add(digest(output))
            written = output.stat().st_size / 1e6
        print(f"\n== {megabytes} MB cut: {written:.0f} MB of JSONL (median of {args.repeat})")
        medians = {
            side: {
                key: statistics.median(r[key] for r in results)
                for key in ("seconds", "main_mib", "worker_mib")
            }
            for side, results in runs.items()
        }
        for side, result in medians.items():
            print(
                f"{SIDES[side]:40s} {result['seconds']:7.1f} s  main {result['main_mib']:5.0f} "
                f"MiB  largest worker {result['worker_mib']:5.0f} MiB"
            )
        base, spilled = medians["in-memory"], medians["spilled"]
        peak = max(spilled["main_mib"], spilled["worker_mib"])
        base_peak = max(base["main_mib"], base["worker_mib"])
        same = digests["spilled"] == digests["in-memory"] and len(digests["spilled"]) == 1
        print(
            f"spilled / baseline: time {spilled['seconds'] / base['seconds']:.2f}x, "
            f"peak {peak / base_peak:.2f}x; same output: {'yes' if same else 'NO'}"
        )


if __name__ == "__main__":
    main()
