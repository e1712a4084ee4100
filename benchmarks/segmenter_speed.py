"""Segmentation speed: rjieba (the optional fast path) against Python jieba's cut.

Usage: python benchmarks/segmenter_speed.py [--cut 1] [--cache DIR] [--runs N]

On a cut `benchmarks/corpus.py` builds (the 1 MB cut unless told): Python jieba's
``Tokenizer.cut(text, HMM=True)`` over each file's text (the baseline) and rjieba's
``Jieba.cut(text, True)``; then ``Segmenter.tokens`` over every folded sentence, as extraction
calls it, with each backend; then a whole extraction in this process with each backend.
Dictionaries are loaded before timing. Prints MB/s (of UTF-8 input) for each, best of N runs,
and the ratios.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections.abc import Callable
from pathlib import Path

from glossary.corpus import iter_documents
from glossary.pipeline import ExtractOptions, extract
from glossary.segment import Segmenter
from glossary.text import fold_width, split_sentences


def best_seconds(work: Callable[[], object], runs: int) -> float:
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        timings.append(time.perf_counter() - start)
    return min(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cut", type=int, default=1, help="which cut, in MB")
    parser.add_argument("--cache", default=str(Path.home() / ".cache" / "glossary-bench"))
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    folder = Path(args.cache) / f"cut-{args.cut}mb"
    if not folder.is_dir():
        sys.exit(f"{folder}: no such cut; run `python benchmarks/corpus.py` first")
    try:
        import rjieba
    except ImportError:
        sys.exit("rjieba is not installed: pip install -e '.[fast]'")
    import jieba

    jieba.setLogLevel(logging.WARNING)
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    megabytes = sum(len(t.encode()) for t in texts) / 1e6
    sentences = [
        fold_width(s.text) for d in iter_documents([str(folder)]) for s in split_sentences(d)
    ]
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    fast = rjieba.Jieba()
    pure, quick = Segmenter(backend="jieba"), Segmenter(backend="rjieba")
    pure.tokens("预热"), quick.tokens("预热")  # load both dictionaries before timing
    options = ExtractOptions(max_contexts=20)

    rows = [
        ("Python jieba cut (baseline)", lambda: [list(tokenizer.cut(t, HMM=True)) for t in texts]),
        ("rjieba cut", lambda: [fast.cut(t, True) for t in texts]),
        ("Segmenter.tokens, jieba", lambda: [pure.tokens(s) for s in sentences]),
        ("Segmenter.tokens, rjieba", lambda: [quick.tokens(s) for s in sentences]),
        ("extract, jieba", lambda: extract([str(folder)], options, segmenter=pure)),
        ("extract, rjieba", lambda: extract([str(folder)], options, segmenter=quick)),
    ]
    speeds = {}
    print(f"{folder}: {megabytes:.2f} MB, {len(sentences)} sentences, best of {args.runs}")
    for name, work in rows:
        speeds[name] = megabytes / best_seconds(work, args.runs)
        print(f"{name:30} {speeds[name]:6.2f} MB/s")
    names = [name for name, _ in rows]
    for what, pair in (
        ("cut", names[0:2]),
        ("Segmenter.tokens", names[2:4]),
        ("extract", names[4:6]),
    ):
        print(f"ratio rjieba/jieba, {what + ':':17} {speeds[pair[1]] / speeds[pair[0]]:5.2f}x")


if __name__ == "__main__":
    main()
