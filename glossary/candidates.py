"""Occurrences → candidates: every surface filed under its canonical key, with its evidence.

This is the one stage that accumulates state over the corpus. It keeps, per key, the
counts the scorer needs (occurrences, documents, neighbouring words, surfaces as written)
and at most ``max_contexts`` sentences, so memory grows with the vocabulary, not the corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from glossary.models import Context, Occurrence
from glossary.text import canonical_key


@dataclass(slots=True)
class Candidate:
    """Everything known about one canonical key after reading the corpus."""

    key: str
    surfaces: Counter[str] = field(default_factory=Counter)
    count: int = 0
    docs: set[str] = field(default_factory=set)
    contexts: list[Context] = field(default_factory=list)
    context_keys: set[tuple[str, int, str]] = field(default_factory=set)
    signals: Counter[str] = field(default_factory=Counter)
    left: Counter[str] = field(default_factory=Counter)
    right: Counter[str] = field(default_factory=Counter)
    parts: tuple[str, ...] = ()  # the words the segmenter split the first surface into
    distinct: int = 0  # occurrences in sentences not seen before (repeats count once)

    @property
    def surface(self) -> str:
        """The most frequent surface as written (ties: the first seen)."""
        return self.surfaces.most_common(1)[0][0]


@dataclass(slots=True)
class PairVotes:
    """How often the text paired a zh key with an en key, and the surfaces it used."""

    votes: Counter[tuple[str, str]] = field(default_factory=Counter)
    abbreviations: dict[str, set[str]] = field(default_factory=dict)


class CandidateTable:
    """Accumulates occurrences under canonical keys; the one mutable object of the pipeline."""

    def __init__(self, max_contexts: int | None = None) -> None:
        self.max_contexts = max_contexts
        self.candidates: dict[str, Candidate] = {}
        self.pairs = PairVotes()
        self.documents = 0
        self.tokens = 0
        # Counts of every word and word sequence (up to four words) as written: the
        # cohesion of a candidate compares its count with the counts of its parts.
        self.sequences: Counter[str] = Counter()
        self._sentences: dict[str, str] = {}
        # The 、 lists of the corpus, as written (see glossary.extract.lists).
        self.lists: Counter[tuple[str, ...]] = Counter()

    def add_sequences(self, words: list[str], longest: int = 4) -> None:
        """Count the word sequences of one run of words uninterrupted by punctuation."""
        self.tokens += len(words)
        for i in range(len(words)):
            joined = ""
            for j in range(i, min(len(words), i + longest)):
                joined += words[j]
                self.sequences[joined] += 1

    def add(
        self,
        occurrence: Occurrence,
        signals: frozenset[str],
        *,
        left: str = "",
        right: str = "",
        parts: tuple[str, ...] = (),
        repeated: bool = False,
    ) -> str:
        """File one occurrence found by ``signals`` at one place; returns its key."""
        key = canonical_key(occurrence.surface)
        candidate = self.candidates.get(key)
        if candidate is None:
            candidate = self.candidates[key] = Candidate(key, parts=parts or (occurrence.surface,))
        for signal in signals:
            candidate.signals[signal] += 1
        sentence = occurrence.sentence
        candidate.surfaces[occurrence.surface] += 1
        candidate.count += 1
        if not repeated:
            candidate.distinct += 1
        candidate.docs.add(sentence.source)
        candidate.left[left] += 1
        candidate.right[right] += 1
        context_key = (sentence.source, sentence.line, sentence.text)
        room = self.max_contexts is None or len(candidate.contexts) < self.max_contexts
        if room and context_key not in candidate.context_keys:
            candidate.context_keys.add(context_key)
            candidate.contexts.append(
                Context(
                    sentence.source, sentence.line, sentence.text, occurrence.start, occurrence.end
                )
            )
        return key

    def add_pair(self, zh_key: str, en_key: str, abbreviation: str | None = None) -> None:
        self.pairs.votes[(zh_key, en_key)] += 1
        if abbreviation:
            self.pairs.abbreviations.setdefault(en_key, set()).add(abbreviation)

    def prune(self, sequence_limit: int, candidate_limit: int) -> None:
        """Keep memory bounded on large corpora (lossy counting): past ``sequence_limit``
        word sequences, drop those seen once; past ``candidate_limit`` candidates, drop the
        plain word runs seen once (a run that recurs later starts counting again). Nothing
        an extractor vouched for (Latin, pairs, names, curated terms) is dropped."""
        if len(self.sequences) > sequence_limit:
            for key in [k for k, n in self.sequences.items() if n <= 1]:
                del self.sequences[key]
        if len(self.candidates) > candidate_limit:
            for key in [
                k
                for k, c in self.candidates.items()
                if c.count <= 1 and c.signals.keys() <= {"ngram"}
            ]:
                del self.candidates[key]

    def to_state(self) -> tuple[Any, ...]:
        """The table as plain tuples, dicts and lists: quick to pickle and to load (for the
        per-document cache)."""
        candidates = [
            (
                c.key,
                c.parts,
                dict(c.surfaces),
                c.count,
                c.distinct,
                sorted(c.docs),
                [(x.source, x.line, x.sentence, x.start, x.end) for x in c.contexts],
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
            if mine is None:
                mine = self.candidates[key] = Candidate(key, parts=parts)
            _add(mine.surfaces, surfaces)
            mine.count += count
            mine.distinct += distinct
            mine.docs.update(docs)
            _add(mine.signals, signals)
            _add(mine.left, left)
            _add(mine.right, right)
            for source, line, sentence, start, end in contexts:
                if self.max_contexts is not None and len(mine.contexts) >= self.max_contexts:
                    break
                # One copy of each sentence, however many candidates cite it.
                shared = self._sentences.setdefault(sentence, sentence)
                context_key = (source, line, shared)
                if context_key not in mine.context_keys:
                    mine.context_keys.add(context_key)
                    mine.contexts.append(Context(source, line, shared, start, end))


def _add(counter: Counter[str] | Counter[Any], counts: dict[Any, int]) -> None:
    for key, count in counts.items():
        counter[key] += count
