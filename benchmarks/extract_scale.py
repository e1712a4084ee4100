"""Extraction at scale: throughput, peak memory and incremental re-runs against jieba's
TF-IDF keywords, on the cuts `benchmarks/corpus.py` builds.

Usage: python benchmarks/extract_scale.py [--cuts 1 10 50] [--cache DIR] [--python-only]
       [--repeat N]

First builds the compiled variant of the package (scripts/build-compiled). Then for each cut,
in fresh processes and in one run: `jieba.analyse.extract_tags` over every file (the
baseline), extraction as `glossary extract --max-contexts 20` runs it (all cores) from the
Python modules and from the compiled build, printing MB/s, the ratio and the peak RSS of
each (workers included; with --repeat, the median time of N runs taken in turns); then the
compiled `glossary extract` with a per-document cache: cold, again over the unchanged
corpus, and after adding one document, as fractions of the cold run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bytecode import write_bytecode

_CHILD = r"""
import json, resource, sys, time, logging
from pathlib import Path
side, folder, cache = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
if side == "baseline":
    import jieba, jieba.analyse
    jieba.setLogLevel(logging.WARNING)
    for f in sorted(Path(folder).glob("*.txt")):
        jieba.analyse.extract_tags(f.read_text(encoding="utf-8"), topK=200)
else:
    from glossary.engine import EngineOptions
    from glossary.pipeline import ExtractOptions, extract
    engine = EngineOptions(workers=0, cache=cache or None)
    extract([folder], ExtractOptions(max_contexts=20), engine=engine)
seconds = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": seconds, "peak_mib": max(own, workers) / 1024}))
"""


ROOT = Path(__file__).resolve().parent.parent
BASELINE = "jieba.analyse.extract_tags (baseline)"
PYTHON = "glossary extract (Python)"
COMPILED = "glossary extract (compiled)"


def median_run(results: list[dict[str, float]]) -> dict[str, float]:
    """The median time of some runs of one side, with the highest peak memory among them."""
    seconds = statistics.median(result["seconds"] for result in results)
    return {"seconds": seconds, "peak_mib": max(result["peak_mib"] for result in results)}


def run(side: str, folder: Path, cache: str = "", build: Path | None = None) -> dict[str, float]:
    """One side in a fresh process; ``build`` puts an unpacked build of the package first on
    the module path (and runs from its folder, as Python puts the working directory first)."""
    environment = dict(os.environ)
    environment.pop("PYTHONPATH", None)
    if build is not None:
        environment["PYTHONPATH"] = str(build)
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, side, str(folder), cache],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
        cwd=build.parent if build is not None else ROOT,
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "glossary-bench"))
    parser.add_argument(
        "--python-only", action="store_true", help="measure the Python modules alone"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="run each side N times and take the median"
    )
    args = parser.parse_args()
    write_bytecode()  # as an installed package has it (see bytecode.py)
    build = None
    if not args.python_only:
        build_dir = Path(args.cache) / "compiled"
        subprocess.run(["bash", str(ROOT / "scripts" / "build-compiled"), build_dir], check=True)
        build = build_dir / "unpacked"
    for megabytes in args.cuts:
        folder = Path(args.cache) / f"cut-{megabytes}mb"
        if not folder.exists():
            sys.exit(f"{folder}: missing; run python benchmarks/corpus.py first")
        size = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        # The sides take turns, so that the machine's ups and downs fall on all of them.
        runs: dict[str, list[dict[str, float]]] = {}
        for _ in range(args.repeat):
            runs.setdefault(BASELINE, []).append(run("baseline", folder))
            runs.setdefault(PYTHON, []).append(run("glossary", folder))
            if build is not None:
                runs.setdefault(COMPILED, []).append(run("glossary", folder, build=build))
        baseline, *rest = (median_run(results) for results in runs.values())
        sides = dict(zip(list(runs)[1:], rest, strict=True))
        print(f"\n== {megabytes} MB cut ({size:.1f} MB; median of {args.repeat} runs each)")
        for name, result in {BASELINE: baseline, **sides}.items():
            rate = size / result["seconds"]
            print(
                f"{name:40s} {rate:6.2f} MB/s {result['seconds']:8.1f} s  "
                f"peak {result['peak_mib']:6.0f} MiB"
            )
        for name, result in sides.items():
            ratio = baseline["seconds"] / result["seconds"]
            print(f"throughput ratio, {name} / baseline: {ratio:.2f}x")
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            shutil.copytree(folder, corpus)
            cache = str(Path(tmp) / "cache.sqlite")
            cold = run("glossary", corpus, cache, build)
            warm = run("glossary", corpus, cache, build)
            first = sorted(corpus.glob("*.txt"))[0]
            shutil.copyfile(first, corpus / "added-document.txt")
            added = run("glossary", corpus, cache, build)
        print(
            f"cached ({'compiled' if build else 'Python'}): cold {cold['seconds']:.1f} s, "
            f"unchanged re-run {warm['seconds']:.1f} s "
            f"({warm['seconds'] / cold['seconds']:.0%} of cold), one added document "
            f"{added['seconds']:.1f} s ({added['seconds'] / cold['seconds']:.0%} of cold)"
        )


if __name__ == "__main__":
    main()
