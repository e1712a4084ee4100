"""Occurrences → candidates: every surface filed under its canonical key, with its evidence.

This is the one stage that accumulates state over the corpus. It keeps, per key, the
counts the scorer needs (occurrences, documents, neighbouring words, surfaces as written)
and at most ``max_contexts`` sentences, so memory grows with the vocabulary, not the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import add, itemgetter
from typing import TYPE_CHECKING, Any, TypeVar

from glossary.models import Sentence
from glossary.text import canonical_key

if TYPE_CHECKING:
    from glossary.spill import ContextSpill

ContextRow = tuple[str, int, str, int, int]
Key = TypeVar("Key")


class Candidate:
    """Everything known about one canonical key after reading the corpus.

    The tallies are plain dicts (value → count): a corpus makes hundreds of thousands of
    candidates, most seen once, and a dict costs a fraction of a Counter to make and update.
    A plain class, not a dataclass: compiled (mypyc), a dataclass's generated ``__init__``
    stays interpreted, and this one runs for every new key.
    """

    __slots__ = (
        "contexts",
        "count",
        "distinct",
        "docs",
        "key",
        "left",
        "parts",
        "right",
        "signals",
        "surfaces",
    )

    def __init__(
        self,
        key: str,
        *,
        surfaces: dict[str, int] | None = None,
        count: int = 0,
        docs: set[str] | None = None,
        contexts: list[ContextRow] | None = None,
        signals: dict[str, int] | None = None,
        left: dict[str, int] | None = None,
        right: dict[str, int] | None = None,
        parts: tuple[str, ...] = (),
        distinct: int = 0,
    ) -> None:
        self.key = key
        self.surfaces: dict[str, int] = {} if surfaces is None else surfaces
        self.count = count
        self.docs: set[str] = set() if docs is None else docs
        # (source, line, sentence, start, end): plain tuples, the cheapest to make, merge
        # and pickle; the kept entries' become Context objects (glossary.scoring).
        self.contexts: list[ContextRow] = [] if contexts is None else contexts
        self.signals: dict[str, int] = {} if signals is None else signals
        self.left: dict[str, int] = {} if left is None else left
        self.right: dict[str, int] = {} if right is None else right
        self.parts = parts  # the words the segmenter split the first surface into
        self.distinct = distinct  # occurrences in sentences not seen before (repeats once)

    def __repr__(self) -> str:
        return f"Candidate({self.key!r}, count={self.count}, surfaces={self.surfaces!r})"

    @property
    def surface(self) -> str:
        """The most frequent surface as written (ties: the first seen)."""
        surfaces = self.surfaces
        if len(surfaces) == 1:  # most candidates: nothing to compare
            return next(iter(surfaces))
        return max(surfaces, key=surfaces.__getitem__)

    def surfaces_by_count(self) -> list[tuple[str, int]]:
        """Surfaces with their counts, most frequent first (ties: the first seen)."""
        return sorted(self.surfaces.items(), key=itemgetter(1), reverse=True)


@dataclass(slots=True)
class PairVotes:
    """How often the text paired a zh key with an en key, and the surfaces it used."""

    votes: Counter[tuple[str, str]] = field(default_factory=Counter)
    abbreviations: dict[str, set[str]] = field(default_factory=dict)


class CandidateTable:
    """Accumulates occurrences under canonical keys; the one mutable object of the pipeline."""

    def __init__(
        self,
        max_contexts: int | None = None,
        all_contexts_of: Iterable[str] = (),
        spill: ContextSpill | None = None,
    ) -> None:
        """``max_contexts``: sentences kept per key (None: every one), except for the keys
        of the surfaces in ``all_contexts_of``, which keep every sentence. With ``spill``,
        the sentences past ``max_contexts`` go there rather than being dropped."""
        if spill is not None and max_contexts is None:
            raise ValueError("a table that spills sentences needs max_contexts")
        self.max_contexts = max_contexts
        self.spill = spill
        self.all_contexts_of = frozenset(canonical_key(s) for s in all_contexts_of)
        self.candidates: dict[str, Candidate] = {}
        self.pairs = PairVotes()
        self.documents = 0
        self.tokens = 0
        # Counts of every word and word sequence (up to four words) as written: the
        # cohesion of a candidate compares its count with the counts of its parts. A plain
        # dict, not a Counter: compiled, every item set on a dict subclass goes through a
        # method lookup, five times the cost (the main process merges millions).
        self.sequences: dict[str, int] = {}
        # The 、 lists of the corpus, as written (see glossary.extract.lists).
        self.lists: dict[tuple[str, ...], int] = {}  # a plain dict too (see sequences)
        self._sentences: dict[str, str] = {}  # one copy of each sentence (merge_state)

    def add_sequences(self, runs: Iterable[list[str]], longest: int = 4) -> None:
        """Count the word sequences of some runs of words (a sentence's
        :func:`glossary.extract.chinese.term_runs`)."""
        sequences: list[str] = []
        for words in runs:
            sequences += words
            shorter = words
            for n in range(1, min(longest, len(words))):
                # each sequence of n + 1 words: one of n words and the word after it
                shorter = list(map(add, shorter, words[n:]))
                sequences += shorter
        _count_each(self.sequences, sequences)

    def add_lists(self, lists: Iterable[tuple[str, ...]]) -> None:
        """Count some 、 lists (a sentence's :func:`glossary.extract.lists.enumerations`)."""
        _count_each(self.lists, lists)

    def add(
        self,
        surface: str,
        sentence: Sentence,
        start: int,
        signals: Iterable[str],
        *,
        left: str = "",
        right: str = "",
        parts: tuple[str, ...] = (),
        repeated: bool = False,
    ) -> str:
        """File one occurrence of ``surface`` at ``sentence.text[start:]``, found by
        ``signals``; returns its key. (Runs about once per word of the corpus: written for
        speed, with each tally fetched once.)"""
        key = canonical_key(surface)
        candidate = self.candidates.get(key)
        if candidate is None:
            candidate = self.candidates[key] = Candidate(key, parts=parts or (surface,))
        tally = candidate.signals
        for signal in signals:
            tally[signal] = tally.get(signal, 0) + 1
        tally = candidate.surfaces
        tally[surface] = tally.get(surface, 0) + 1
        tally = candidate.left
        tally[left] = tally.get(left, 0) + 1
        tally = candidate.right
        tally[right] = tally.get(right, 0) + 1
        candidate.count += 1
        if not repeated:
            candidate.distinct += 1
        candidate.docs.add(sentence.source)
        contexts = candidate.contexts
        if (
            self.max_contexts is None
            or len(contexts) < self.max_contexts
            or key in self.all_contexts_of
        ):
            source, line, text = sentence.source, sentence.line, sentence.text
            # A second occurrence in one sentence follows the first: compare with the last.
            last = contexts[-1] if contexts else None
            if last is None or last[2] != text or last[1] != line or last[0] != source:
                contexts.append((source, line, text, start, start + len(surface)))
        elif self.spill is not None:
            # Spilling keeps the merged order of chunk tables; a table filed into
            # directly has none to keep.
            raise TypeError("a table that spills sentences is filled by merging tables")
        return key

    def add_pair(self, zh_key: str, en_key: str, abbreviation: str | None = None) -> None:
        self.pairs.votes[(zh_key, en_key)] += 1
        if abbreviation:
            self.pairs.abbreviations.setdefault(en_key, set()).add(abbreviation)

    def prune(self, sequence_limit: int, candidate_limit: int) -> None:
        """Keep memory bounded on large corpora (lossy counting): past ``sequence_limit``
        word sequences, drop the rarest until three quarters of the limit are left; past
        ``candidate_limit`` candidates, the same for plain word runs (one that recurs later
        starts counting again). Nothing an extractor vouched for (Latin, pairs, names,
        curated terms) is dropped."""
        # What is kept is copied into a new dict: most entries go, and copying the rest
        # costs a third of deleting them one by one.
        if len(self.sequences) > sequence_limit:
            counts = self.sequences
            cut = _threshold(list(counts.values()), len(counts) - sequence_limit * 3 // 4)
            self.sequences = {k: n for k, n in counts.items() if n > cut}
        if len(self.candidates) > candidate_limit:
            candidates = self.candidates
            # -1 for a candidate an extractor vouched for: never dropped
            plain = [c.count if _plain(c.signals) else -1 for c in candidates.values()]
            excess = len(candidates) - candidate_limit * 3 // 4
            cut = _threshold([n for n in plain if n >= 0], excess)
            self.candidates = {
                k: c
                for (k, c), n in zip(candidates.items(), plain, strict=True)
                if n < 0 or n > cut
            }
            if self.spill is not None:  # a dropped key's sentences go with it
                self.spill.drop([k for k in self.spill.keys if k not in self.candidates])

    def to_state(self) -> tuple[Any, ...]:
        """The table as plain tuples, dicts and lists: quick to pickle and to load (for the
        per-document cache). The contexts are handed over, not copied: the table is
        not used afterwards."""
        candidates = [
            (
                c.key,
                c.parts,
                dict(c.surfaces),
                c.count,
                c.distinct,
                sorted(c.docs),
                c.contexts,
                dict(c.signals),
                dict(c.left),
                dict(c.right),
            )
            for c in self.candidates.values()
        ]
        pairs = (
            dict(self.pairs.votes),
            {k: sorted(v) for k, v in self.pairs.abbreviations.items()},
        )
        return (
            self.max_contexts,
            self.documents,
            self.tokens,
            dict(self.sequences),
            pairs,
            candidates,
            dict(self.lists),
        )

    def merge_state(self, state: tuple[Any, ...]) -> None:
        """Add another table's counts and evidence, in the plain form :meth:`to_state` gives
        (one document's table, sent back by a worker or read from the cache).

        Merging documents' tables in corpus order gives the same table as reading the corpus
        in that order: counts add up, contexts keep their order and the cap.
        """
        _, documents, tokens, sequences, pairs, candidates, lists = state
        cap, every, spill = self.max_contexts, self.all_contexts_of, self.spill
        _add(self.lists, lists)
        self.documents += documents
        self.tokens += tokens
        _add(self.sequences, sequences)
        _add(self.pairs.votes, pairs[0])
        for key, abbreviations in pairs[1].items():
            self.pairs.abbreviations.setdefault(key, set()).update(abbreviations)
        for (
            key,
            parts,
            surfaces,
            count,
            distinct,
            docs,
            contexts,
            signals,
            left,
            right,
        ) in candidates:
            mine = self.candidates.get(key)
            if mine is None:  # new here: the state's own containers become the candidate's
                rows = contexts
                if spill is not None and cap is not None and len(rows) > cap and key not in every:
                    spill.add(key, rows[cap:])
                    rows = rows[:cap]
                rows = self._shared(rows)
                self.candidates[key] = Candidate(
                    key,
                    surfaces=surfaces,
                    count=count,
                    docs=set(docs),
                    contexts=rows,
                    signals=signals,
                    left=left,
                    right=right,
                    parts=parts,
                    distinct=distinct,
                )
                continue
            # The tallies inline, not through _add: this runs for every candidate merged.
            for tally, counts in (
                (mine.surfaces, surfaces),
                (mine.signals, signals),
                (mine.left, left),
                (mine.right, right),
            ):
                for k, n in counts.items():
                    tally[k] = tally.get(k, 0) + n
            mine.count += count
            mine.distinct += distinct
            mine.docs.update(docs)
            # The other table's documents are others: no sentence is cited twice.
            # (never below 0: a capped key holds at most the cap)
            room = None if cap is None or key in every else cap - len(mine.contexts)
            if contexts and (room is None or room > 0):
                mine.contexts.extend(self._shared(contexts[:room]))
            if spill is not None and room is not None and len(contexts) > room:
                spill.add(key, contexts[room:])

    def _shared(self, contexts: list[ContextRow]) -> list[ContextRow]:
        """The contexts with one copy of each sentence text in this table: a sentence
        repeated across documents (a banner, a licence line) is kept once, however many
        tables bring it."""
        sentences = self._sentences
        rows = []
        for row in contexts:
            text = row[2]
            shared = sentences.setdefault(text, text)
            rows.append(row if shared is text else (row[0], row[1], shared, row[3], row[4]))
        return rows

    def merge_table(self, other: CandidateTable) -> None:
        """:meth:`merge_state` for a table of this process: its candidates are taken over,
        not copied, so ``other`` must not be used afterwards. The sentences ``other``
        spilled follow, key by key, those it kept."""
        if not self.candidates and not self.sequences:  # the first chunk: take it whole
            self.candidates, self.pairs, self.lists = other.candidates, other.pairs, other.lists
            self.sequences, self._sentences = other.sequences, other._sentences
            self.documents, self.tokens = other.documents, other.tokens
            self._spill_past_cap()
        else:
            self.merge_state(other.to_state())
        if other.spill is not None and other.spill is not self.spill:
            if self.spill is None:
                raise TypeError("a table that spills sentences is merged into one that spills")
            self.spill.take(other.spill)

    def _spill_past_cap(self) -> None:
        """Hand the sentences past the cap to the spill (a table taken over whole)."""
        cap, spill = self.max_contexts, self.spill
        if spill is None or cap is None:
            return
        for key, candidate in self.candidates.items():
            if len(candidate.contexts) > cap and key not in self.all_contexts_of:
                spill.add(key, candidate.contexts[cap:])
                del candidate.contexts[cap:]


def _plain(signals: dict[str, int]) -> bool:
    """Found only as a word run (no extractor vouched for it)."""
    return not signals or (len(signals) == 1 and "ngram" in signals)


def _threshold(counts: list[int], excess: int) -> int:
    """The lowest count ``t`` such that dropping every item seen at most ``t`` times drops
    at least ``excess`` items (at least 1: items seen once always go).

    >>> _threshold([1, 1, 2, 2, 2, 5], 1), _threshold([1, 1, 2, 2, 2, 5], 3)
    (1, 2)
    """
    histogram = Counter(counts)
    dropped = 0
    for count in sorted(histogram):
        dropped += histogram[count]
        if dropped >= excess:
            return count
    return max(histogram, default=1)


def _count_each(tally: dict[Key, int], items: Iterable[Key]) -> None:
    for item in items:
        tally[item] = tally.get(item, 0) + 1


def _add(tally: dict[Key, int], counts: dict[Key, int]) -> None:
    """Add ``counts`` to ``tally``. Typed as plain dicts, which the compiled build updates
    without a method call (a Counter, a dict subclass, takes the slower way)."""
    for key, count in counts.items():
        tally[key] = tally.get(key, 0) + count
