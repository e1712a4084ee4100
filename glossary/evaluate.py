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
from collections.abc import Iterable, Sequence
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
    them carry the annotated type (the most common one when their surfaces disagree; on a
    tie, the one of the surface that comes first: the term, its variants, zh, en)."""
    correct = judged = 0
    for entry in entries:
        # In the entry's own order, not a set's: a tie must not depend on string hashing.
        ordered = [s for s in dict.fromkeys((entry.term, *entry.variants, entry.zh, entry.en)) if s]
        annotated = [gold.types[k] for k in map(match_key, ordered) if k in gold.types]
        if not annotated:
            continue
        judged += 1
        correct += Counter(annotated).most_common(1)[0][0] == entry.type
    return correct, judged


@dataclass(frozen=True, slots=True)
class Finding:
    """A surface the evaluation calls out, with a sentence that shows it."""

    surface: str
    source: str | None = None
    line: int | None = None
    sentence: str | None = None


@dataclass(frozen=True, slots=True)
class DocumentScore:
    name: str  # the gold file's stem, e.g. 003_9d6acc91146818e6
    score: Score
    misses: tuple[Finding, ...]  # core gold terms not predicted
    false_positives: tuple[Finding, ...]  # predicted surfaces matching no gold row


@dataclass(frozen=True, slots=True)
class Evaluation:
    overall: Score
    type_correct: int
    type_judged: int
    documents: tuple[DocumentScore, ...]


def load_document_gold(folder: Path) -> dict[str, Gold]:
    """One :class:`Gold` per ``NAME.gold.tsv``, with the pairs ``pairs.tsv`` gives for NAME."""
    pair_rows: list[dict[str, str]] = []
    pairs_file = folder / "pairs.tsv"
    if pairs_file.exists():
        with pairs_file.open(encoding="utf-8", newline="") as handle:
            pair_rows = list(csv.DictReader(handle, delimiter="\t"))
    golds: dict[str, Gold] = {}
    for path in sorted(folder.glob("*.gold.tsv")):
        name = path.name.removesuffix(".gold.tsv")
        core: set[str] = set()
        other: set[str] = set()
        types: dict[str, str] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                key = match_key(row["term"])
                (core if row["core"].strip() == "1" else other).add(key)
                types.setdefault(key, row["type"].strip())
        pairs = {
            (match_key(r["zh"]), match_key(english))
            for r in pair_rows
            if Path(r["file"]).stem == name
            for english in r["en"].split(" / ")
        }
        golds[name] = Gold(frozenset(core), frozenset(other - core), frozenset(pairs), types)
    return golds


def evaluate(entries: Sequence[Entry], folder: Path) -> Evaluation:
    """Score ``entries`` against the gold folder overall and per document, with the misses
    and false positives of each document and a sentence for each false positive."""
    gold = load_gold(folder)
    annotated = gold.core | gold.neutral
    documents = []
    for name, own in load_document_gold(folder).items():
        # A term annotated for another document is no false positive here either.
        document_gold = Gold(own.core, annotated - own.core, own.pairs, own.types)
        seen_here = [e for e in entries if any(Path(s).stem == name for s in e.sources)]
        surfaces, _ = predicted_surfaces(seen_here)
        misses = tuple(Finding(k) for k in sorted(document_gold.core - surfaces))
        false_positives = tuple(
            _finding(e, name)
            for e in seen_here
            if _surface_keys(e) - document_gold.core - document_gold.neutral
            and not _surface_keys(e) & (document_gold.core | document_gold.neutral)
        )
        documents.append(
            DocumentScore(name, score(seen_here, document_gold), misses, false_positives)
        )
    correct, judged = type_accuracy(entries, gold)
    return Evaluation(score(entries, gold), correct, judged, tuple(documents))


def _surface_keys(entry: Entry) -> set[str]:
    return {match_key(s) for s in (entry.term, *entry.variants, entry.zh, entry.en) if s}


def _finding(entry: Entry, name: str) -> Finding:
    for context in entry.contexts:
        if Path(context.source).stem == name:
            return Finding(entry.term, context.source, context.line, context.sentence)
    return Finding(entry.term)


def evaluation_record(evaluation: Evaluation) -> dict[str, object]:
    """The numbers of an evaluation as plain data (for the versioned results file)."""

    def numbers(result: Score) -> dict[str, float]:
        return {
            "precision": result.precision,
            "recall": result.recall,
            "f1": result.f1,
            "pair_precision": result.pair_precision,
            "pair_recall": result.pair_recall,
            "pair_f1": result.pair_f1,
        }

    accuracy = evaluation.type_correct / evaluation.type_judged if evaluation.type_judged else 0
    return {
        "overall": numbers(evaluation.overall),
        "type_accuracy": round(accuracy, 3),
        "documents": {d.name: numbers(d.score) for d in evaluation.documents},
    }


def format_evaluation(evaluation: Evaluation, show: int = 10) -> str:
    """The evaluation as a report for people."""
    header = f"{'':24} {'P':>6} {'R':>6} {'F1':>6}   {'pair P':>6} {'pair R':>6} {'pair F1':>7}"

    def row(name: str, result: Score) -> str:
        return (
            f"{name:24} {result.precision:6.3f} {result.recall:6.3f} {result.f1:6.3f}   "
            f"{result.pair_precision:6.3f} {result.pair_recall:6.3f} {result.pair_f1:7.3f}"
        )

    lines = [header, row("overall", evaluation.overall)]
    lines.extend(row(d.name[:24], d.score) for d in evaluation.documents)
    judged = evaluation.type_judged
    if judged:
        accuracy = evaluation.type_correct / judged
        lines.append(f"type accuracy: {accuracy:.3f} ({evaluation.type_correct}/{judged})")
    for document in evaluation.documents:
        lines.append(f"\n== {document.name}")
        missed = ", ".join(f.surface for f in document.misses[:show])
        more = len(document.misses) - show
        lines.append(
            f"missed ({len(document.misses)}): {missed}" + (f", … {more} more" if more > 0 else "")
        )
        lines.append(f"false positives ({len(document.false_positives)}):")
        for finding in document.false_positives[:show]:
            where = f"{finding.source}:{finding.line}" if finding.source else ""
            lines.append(f"  {finding.surface}  — {finding.sentence or ''} ({where})")
    return "\n".join(lines)
