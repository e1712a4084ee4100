"""Score extracted entries against hand-annotated gold terms and pairs.

Gold layout (one folder): ``*.gold.tsv`` with columns ``term type english core`` and
``pairs.tsv`` with ``zh`` and ``en`` columns (``en`` may list alternatives joined by `` / ``).

Matching folds width, case, runs of white space, spaces between Chinese and Latin
characters, and Traditional to Simplified. Core rows (``core`` = 1) count for recall; a
prediction that matches a non-core row is neither right nor wrong; any other predicted
surface is a false positive. A predicted entry with both ``zh`` and ``en`` is a predicted pair.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from glossary.models import Entry
from glossary.text import to_simplified

_SPACES = re.compile(r"\s+")
_SCRIPT_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\u4e00-\u9fff])"
)


def match_key(surface: str) -> str:
    """The form under which a predicted and a gold surface are compared.

    >>> match_key("生成式 ＡＩ") == match_key("生成式ai")
    True
    """
    text = unicodedata.normalize("NFKC", surface)
    text = _SPACES.sub(" ", text).strip()
    text = _SCRIPT_GAP.sub("", text)
    return to_simplified(text).casefold()


@dataclass(frozen=True, slots=True)
class Gold:
    core: frozenset[str]
    neutral: frozenset[str]  # non-core rows that are not also core
    pairs: frozenset[tuple[str, str]]
    types: dict[str, str] = field(default_factory=dict)  # match key → annotated type


@dataclass(frozen=True, slots=True)
class Score:
    true_positives: int
    false_positives: int
    core_total: int
    precision: float
    recall: float
    f1: float
    pair_true_positives: int
    pairs_predicted: int
    pairs_total: int
    pair_precision: float
    pair_recall: float
    pair_f1: float


def load_gold(folder: Path) -> Gold:
    core: set[str] = set()
    other: set[str] = set()
    types: dict[str, str] = {}
    for path in sorted(folder.glob("*.gold.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                key = match_key(row["term"])
                target = core if row["core"].strip() == "1" else other
                target.add(key)
                types.setdefault(key, row["type"].strip())
    pairs: set[tuple[str, str]] = set()
    pairs_file = folder / "pairs.tsv"
    if pairs_file.exists():
        with pairs_file.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                for english in row["en"].split(" / "):
                    pairs.add((match_key(row["zh"]), match_key(english)))
    return Gold(frozenset(core), frozenset(other - core), frozenset(pairs), types)


def predicted_surfaces(entries: Iterable[Entry]) -> tuple[set[str], set[tuple[str, str]]]:
    surfaces: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for entry in entries:
        for surface in (entry.term, *entry.variants, entry.zh, entry.en):
            if surface:
                surfaces.add(match_key(surface))
        if entry.zh and entry.en:
            pairs.add((match_key(entry.zh), match_key(entry.en)))
    return surfaces, pairs


def score(entries: Iterable[Entry], gold: Gold) -> Score:
    surfaces, pairs = predicted_surfaces(entries)
    tp = len(surfaces & gold.core)
    fp = len(surfaces - gold.core - gold.neutral)
    precision = _ratio(tp, tp + fp)
    recall = _ratio(tp, len(gold.core))
    pair_tp = len(pairs & gold.pairs)
    pair_precision = _ratio(pair_tp, len(pairs))
    pair_recall = _ratio(pair_tp, len(gold.pairs))
    return Score(
        tp,
        fp,
        len(gold.core),
        round(precision, 3),
        round(recall, 3),
        round(_f1(precision, recall), 3),
        pair_tp,
        len(pairs),
        len(gold.pairs),
        round(pair_precision, 3),
        round(pair_recall, 3),
        round(_f1(pair_precision, pair_recall), 3),
    )


def _ratio(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def type_accuracy(entries: Iterable[Entry], gold: Gold) -> tuple[int, int]:
    """(correct, judged): entries whose surfaces match an annotated term, and how many of
    them carry the annotated type (the most common one when their surfaces disagree)."""
    correct = judged = 0
    for entry in entries:
        surfaces = {entry.term, *entry.variants, entry.zh or "", entry.en or ""} - {""}
        annotated = [gold.types[k] for k in map(match_key, surfaces) if k in gold.types]
        if not annotated:
            continue
        judged += 1
        correct += Counter(annotated).most_common(1)[0][0] == entry.type
    return correct, judged
