"""Extraction throughput and peak memory against jieba's TF-IDF keywords, in one run.

Usage: python benchmarks/extract_speed.py [CORPUS_DIR] [--repeat N]

Each side runs in a fresh process over the same text (the corpus repeated N times, so
the numbers are not dominated by start-up): the baseline is
``jieba.analyse.extract_tags`` (the usual keyword extractor), ours is
``glossary.pipeline.extract``. It prints MB/s, the ratio, and each process's peak RSS.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from bytecode import write_bytecode

ROOT = Path(__file__).resolve().parent.parent

_CHILD = r"""
import json, resource, sys, time, logging
from pathlib import Path
side, folder = sys.argv[1], sys.argv[2]
files = sorted(Path(folder).glob("*.txt"))
size = sum(f.stat().st_size for f in files)
start = time.perf_counter()
if side == "baseline":
    import jieba, jieba.analyse
    jieba.setLogLevel(logging.WARNING)
    for f in files:
        jieba.analyse.extract_tags(f.read_text(encoding="utf-8"), topK=200)
else:
    from glossary.pipeline import extract
    extract([folder])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"bytes": size, "seconds": seconds, "peak_mib": peak}))
"""


def run(side: str, folder: Path) -> dict[str, float]:
    completed = subprocess.run(
        [sys.executable, "-c", _CHILD, side, str(folder)],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(completed.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=str(ROOT / "seeds"))
    parser.add_argument("--repeat", type=int, default=20, help="copies of each file")
    args = parser.parse_args()
    write_bytecode()  # as an installed package has it (see bytecode.py)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for path in sorted(Path(args.corpus).glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            for i in range(args.repeat):
                (folder / f"{path.stem}-{i:03d}.txt").write_text(text, encoding="utf-8")
        baseline = run("baseline", folder)
        ours = run("glossary", folder)
    megabytes = baseline["bytes"] / 1e6
    print(f"corpus: {megabytes:.2f} MB ({args.repeat} copies of {args.corpus})")
    for name, result in (
        ("jieba.analyse.extract_tags (baseline)", baseline),
        ("glossary extract", ours),
    ):
        rate = megabytes / result["seconds"]
        seconds, peak = result["seconds"], result["peak_mib"]
        print(f"{name:40s} {rate:6.2f} MB/s  {seconds:6.2f} s  peak {peak:6.0f} MiB")
    print(f"throughput ratio glossary/baseline: {baseline['seconds'] / ours['seconds']:.2f}x")


if __name__ == "__main__":
    main()
