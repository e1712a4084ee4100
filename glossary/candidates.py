"""Occurrences → candidates: every surface filed under its canonical key, with its evidence.

This is the one stage that accumulates state over the corpus. It keeps, per key, the
counts the scorer needs (occurrences, documents, neighbouring words, surfaces as written)
and at most ``max_contexts`` sentences, so memory grows with the vocabulary, not the corpus.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

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
