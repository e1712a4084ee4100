"""Give every English form of a gold pair a term row of its own, as the shared gold does.

The shared development gold (``tests/gold``) has a row for each English form a pair gives
(``Scaling Law``, ``AGI``), and the scorer counts a predicted pair's English as a predicted
surface. Some of the project's own sets were annotated with no row for an English gloss
seen only inside a parenthesis; there every correct pair's English counted as a false
positive. This adds the missing rows to ``<stem>.gold.tsv`` of the pair's file, with the
type and core of the Chinese term, and leaves every other row as it was.

Usage: python eval/tools/english_rows.py GOLD_DIR...  (prints what it added)
"""

from __future__ import annotations

import csv
import sys
import unicodedata
from pathlib import Path


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().casefold()


def add_english_rows(gold: Path) -> list[str]:
    """Add the missing rows in ``gold``; returns the terms added."""
    added: list[str] = []
    with (gold / "pairs.tsv").open(encoding="utf-8", newline="") as handle:
        pairs = list(csv.DictReader(handle, delimiter="\t"))
    for path in sorted(gold.glob("*.gold.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle, delimiter="\t"))
        known = {_key(row["term"]) for row in rows}
        by_term = {row["term"]: row for row in rows}
        stem = path.name.removesuffix(".gold.tsv")
        new: list[dict[str, str]] = []
        for pair in pairs:
            if Path(pair["file"]).stem != stem:
                continue
            chinese = by_term.get(pair["zh"])
            for english in (e.strip() for e in pair["en"].split(" / ")):
                if not english or _key(english) in known:
                    continue
                known.add(_key(english))
                new.append(
                    {
                        "term": english,
                        "type": chinese["type"] if chinese else "concept",
                        "english": english,
                        "core": chinese["core"] if chinese else "1",
                    }
                )
        if new:
            with path.open("a", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(
                    handle,
                    ["term", "type", "english", "core"],
                    delimiter="\t",
                    lineterminator="\n",
                )
                writer.writerows(new)
            added += [f"{path.name}: {row['term']}" for row in new]
    return added


if __name__ == "__main__":
    for folder in sys.argv[1:]:
        for line in add_english_rows(Path(folder)):
            print(line)
