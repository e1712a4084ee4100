"""Extraction at scale: throughput, peak memory and incremental re-runs against jieba's
TF-IDF keywords, on the cuts `benchmarks/corpus.py` builds.

Usage: python benchmarks/extract_scale.py [--cuts 1 10 50] [--cache DIR]

For each cut, in fresh processes and in one run: `jieba.analyse.extract_tags` over every
file (the baseline) and `glossary extract` (all cores), printing MB/s, the ratio and the peak
RSS of each (workers included); then `glossary extract` with a per-document cache: cold, again
over the unchanged corpus, and after adding one document, as fractions of the cold run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

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


def run(side: str, folder: Path, cache: str = "") -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, side, str(folder), cache],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(completed.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cuts", type=int, nargs="+", default=[1, 10, 50])
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "glossary-bench"))
    args = parser.parse_args()
    for megabytes in args.cuts:
        folder = Path(args.cache) / f"cut-{megabytes}mb"
        if not folder.exists():
            sys.exit(f"{folder}: missing; run python benchmarks/corpus.py first")
        size = sum(p.stat().st_size for p in folder.glob("*.txt")) / 1e6
        baseline = run("baseline", folder)
        ours = run("glossary", folder)
        print(f"\n== {megabytes} MB cut ({size:.1f} MB)")
        for name, result in (
            ("jieba.analyse.extract_tags (baseline)", baseline),
            ("glossary extract", ours),
        ):
            rate = size / result["seconds"]
            print(
                f"{name:40s} {rate:6.2f} MB/s {result['seconds']:8.1f} s  "
                f"peak {result['peak_mib']:6.0f} MiB"
            )
        print(f"throughput ratio glossary/baseline: {baseline['seconds'] / ours['seconds']:.2f}x")
        with tempfile.TemporaryDirectory() as tmp:
            corpus = Path(tmp) / "corpus"
            shutil.copytree(folder, corpus)
            cache = str(Path(tmp) / "cache.sqlite")
            cold = run("glossary", corpus, cache)
            warm = run("glossary", corpus, cache)
            first = sorted(corpus.glob("*.txt"))[0]
            shutil.copyfile(first, corpus / "added-document.txt")
            added = run("glossary", corpus, cache)
        print(
            f"cached: cold {cold['seconds']:.1f} s, unchanged re-run {warm['seconds']:.1f} s "
            f"({warm['seconds'] / cold['seconds']:.0%} of cold), one added document "
            f"{added['seconds']:.1f} s ({added['seconds'] / cold['seconds']:.0%} of cold)"
        )


if __name__ == "__main__":
    main()
