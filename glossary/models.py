"""Value types that flow through the pipeline: read → split → extract → group → score.

All are frozen: a stage makes new values, it never mutates what it was given.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Literal, NamedTuple

Lang = Literal["zh", "en", "mixed"]


@dataclass(frozen=True, slots=True)
class Document:
    """One decoded corpus file."""

    source: str  # the path as the user gave it (or as found below a given directory)
    text: str
    encoding: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date (YYYY-MM-DD) when the text carries one


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a document; ``text`` is exactly a slice of the document's line."""

    source: str
    line: int  # 1-based line number in the file
    text: str
    index: int  # position of the sentence in its document, 0-based


class Context(NamedTuple):
    """A sentence an entry was used in, as written in the output.

    A named tuple rather than a frozen dataclass: extraction makes one per occurrence,
    about a million for 10 MB of text, and a tuple is four times quicker to make (and to
    pickle for the cache and the workers)."""

    source: str
    line: int
    sentence: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entry:
    """One glossary entry: a concept with its surfaces, evidence and score."""

    term: str
    zh: str | None
    en: str | None
    variants: tuple[str, ...]
    lang: Lang
    score: float
    count: int
    doc_count: int
    contexts: tuple[Context, ...]
    signals: tuple[str, ...] = field(default=())
    pair_count: int = 0  # how often the text stated the zh↔en pair
    sources: tuple[str, ...] = field(default=())  # every document the entry was seen in
    # Chinese renderings the text paired with ``en``, with how often: competing renderings
    # (词元 4, 令牌 1) are kept here, the most frequent one is ``zh``.
    renderings: tuple[tuple[str, int], ...] = field(default=())
    # Each surface as written and how often it was used (the variants, with counts).
    surface_counts: tuple[tuple[str, int], ...] = field(default=())
    type: str = "concept"  # concept, org, product, person or other (see glossary.types)
    # When sentences past the first few were kept on disk (glossary.spill): the candidate
    # keys ``contexts`` come from, in order, each with how many of them it gave, so that
    # every sentence can be read back in order (see Extraction.full_entries).
    spilled_from: tuple[tuple[str, int], ...] = field(default=())

    def __reduce__(self) -> tuple[object, tuple[Any, ...]]:
        return (Entry, tuple(getattr(self, name) for name in _ENTRY_FIELDS))

    def with_type(self, kind: str) -> Entry:
        """This entry with ``type`` set to ``kind``: what ``dataclasses.replace`` gives, at a
        third of its cost (scoring types every entry it keeps)."""
        return Entry(
            self.term,
            self.zh,
            self.en,
            self.variants,
            self.lang,
            self.score,
            self.count,
            self.doc_count,
            self.contexts,
            self.signals,
            self.pair_count,
            self.sources,
            self.renderings,
            self.surface_counts,
            kind,
            self.spilled_from,
        )


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))


@dataclass(frozen=True, slots=True)
class Rendering:
    """One rendering of a concept with its standing and how often the corpus used it."""

    text: str
    lang: Literal["zh", "en"]
    status: str  # preferred, admitted, deprecated, forbidden
    votes: int = 0


@dataclass(frozen=True, slots=True)
class DocumentInfo:
    """A corpus document as the glossary remembers it."""

    source: str
    title: str | None
    date: str | None
    encoding: str


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    """An entry of the merged glossary: curated fields where curated, evidence from the text."""

    id: str
    zh: str | None
    zh_hant: str | None
    en: str | None
    pinyin: str  # with tone marks; empty when there is no Chinese form
    type: str
    category: str | None
    definition_zh: str | None
    definition_en: str | None
    note: str | None
    curated: bool
    abbr: tuple[str, ...]
    aliases: tuple[str, ...]
    renderings: tuple[Rendering, ...]
    related: tuple[str, ...]
    references: tuple[str, ...]  # sources the curator cited
    score: float
    count: int
    doc_count: int
    documents: tuple[str, ...]
    first_seen: str | None
    last_seen: str | None
    variants: tuple[str, ...]
    contexts: tuple[Context, ...]
    signals: tuple[str, ...]
