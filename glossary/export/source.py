"""What an export holds: glossary entries as concepts, each with its terms per locale.

Every format is written from these records and every importer reads back into them, so
this module alone decides what a translator gets:

* an entry is exported when it has both a Chinese and an English form (``curated_only``
  keeps curated entries alone); concepts are sorted by id, so exports diff well;
* its terms are the preferred Simplified, Traditional and English forms, then the other
  renderings with their status, the abbreviations and the aliases, each once per locale;
* each term carries up to three of the sentences the corpus used it in, with a citation.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from glossary.models import Context, DocumentInfo, GlossaryEntry

Locale = Literal["zh-Hans", "zh-Hant", "en"]
LOCALES: tuple[Locale, ...] = ("zh-Hans", "zh-Hant", "en")
Kind = Literal["preferred", "rendering", "abbreviation", "alias"]
STATUSES = ("preferred", "admitted", "deprecated", "forbidden")
MAX_EXAMPLES = 3
DEFAULT_TITLE = "中英术语表 · Chinese–English glossary"


@dataclass(frozen=True, slots=True)
class ExportOptions:
    """How to write an export: which language is the source, which TBX layout, which CSV
    style, and the title the file carries (TBX header, definitions' source)."""

    source: Literal["zh", "en"] = "zh"
    tbx_version: Literal["2019", "2008"] = "2019"
    csv_style: Literal["multilingual", "bilingual"] = "multilingual"
    title: str = DEFAULT_TITLE

    @property
    def source_locale(self) -> Locale:
        return "zh-Hans" if self.source == "zh" else "en"

    @property
    def target_locale(self) -> Locale:
        return "en" if self.source == "zh" else "zh-Hans"


@dataclass(frozen=True, slots=True)
class Example:
    """A sentence a term was used in, and where it is from (title, date, file:line)."""

    sentence: str
    source: str


@dataclass(frozen=True, slots=True)
class TermForm:
    """One term of a concept in one locale.

    ``status`` is preferred, admitted, deprecated or forbidden; aliases (other spellings
    found in text) have none.
    """

    text: str
    locale: Locale
    kind: Kind
    status: str | None
    examples: tuple[Example, ...] = ()

    @property
    def term_type(self) -> str:
        """The TBX term type: fullForm, acronym, abbreviation or variant.

        >>> TermForm("AIGC", "en", "abbreviation", "admitted").term_type
        'acronym'
        >>> TermForm("CoT", "en", "abbreviation", "admitted").term_type
        'abbreviation'
        """
        if self.kind == "preferred":
            return "fullForm"
        if self.kind == "abbreviation":
            return "acronym" if is_acronym(self.text) else "abbreviation"
        return "variant"


@dataclass(frozen=True, slots=True)
class Concept:
    """An exported entry: its id, its terms (preferred first in each locale) and facts."""

    id: str
    terms: tuple[TermForm, ...]
    definition_zh: str | None = None
    definition_en: str | None = None
    category: str | None = None
    note: str | None = None
    references: tuple[str, ...] = ()  # sources the curator cited (articles, URLs)
    related: tuple[str, ...] = ()  # ids of related concepts

    def in_locale(self, locale: Locale) -> tuple[TermForm, ...]:
        return tuple(t for t in self.terms if t.locale == locale)

    def preferred(self, locale: Locale) -> str | None:
        return next(
            (t.text for t in self.terms if t.locale == locale and t.kind == "preferred"), None
        )

    def definition(self, locale: Locale) -> str | None:
        if locale == "zh-Hans":
            return self.definition_zh
        return self.definition_en if locale == "en" else None

    def others(self) -> tuple[TermForm, ...]:
        """Every term but the preferred ones."""
        return tuple(t for t in self.terms if t.kind != "preferred")

    def without_examples(self) -> Concept:
        return replace(self, terms=tuple(replace(t, examples=()) for t in self.terms))


@dataclass(frozen=True, slots=True)
class Reading:
    """Concepts read from a termbase file, each with the line (or row) it starts on, and
    warnings about what the file held that a terms file has no place for."""

    concepts: tuple[tuple[Concept, int], ...]
    warnings: tuple[str, ...] = ()


def is_acronym(text: str) -> bool:
    """True when every letter is a capital (``AIGC``, ``GPT-4``), as acronyms are written."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def locale_of(text: str) -> Locale:
    """``en`` for a form without Han characters, else ``zh-Hans`` (``生成式AI`` is Chinese)."""
    from glossary.text import script_of

    return "en" if script_of(text) == "en" else "zh-Hans"


def concepts_of(
    entries: Iterable[GlossaryEntry],
    documents: Sequence[DocumentInfo] = (),
    *,
    curated_only: bool = False,
    max_examples: int = MAX_EXAMPLES,
) -> tuple[Concept, ...]:
    """The concepts to export from glossary entries, sorted by id."""
    titles = {d.source: d for d in documents}
    chosen = [e for e in entries if e.zh and e.en and (e.curated or not curated_only)]
    return tuple(
        _concept(entry, titles, max_examples) for entry in sorted(chosen, key=lambda e: e.id)
    )


def _concept(
    entry: GlossaryEntry, documents: Mapping[str, DocumentInfo], max_examples: int
) -> Concept:
    forms = _forms(entry)
    examples = _examples(entry.contexts, forms, documents, max_examples)
    terms = tuple(replace(t, examples=examples.get(i, ())) for i, t in enumerate(forms))
    return Concept(
        id=entry.id,
        terms=terms,
        definition_zh=entry.definition_zh,
        definition_en=entry.definition_en,
        category=entry.category,
        note=entry.note,
        references=entry.references,
        related=entry.related,
    )


def _forms(entry: GlossaryEntry) -> list[TermForm]:
    forms: list[TermForm] = []
    seen: set[tuple[str, str]] = set()

    def add(text: str | None, locale: Locale, kind: Kind, status: str | None) -> None:
        if text and (locale, text) not in seen:
            seen.add((locale, text))
            forms.append(TermForm(text, locale, kind, status))

    add(entry.zh, "zh-Hans", "preferred", "preferred")
    add(entry.zh_hant, "zh-Hant", "preferred", "preferred")
    add(entry.en, "en", "preferred", "preferred")
    for rendering in entry.renderings:
        if rendering.text in (entry.zh, entry.en):
            continue
        status = "admitted" if rendering.status == "preferred" else rendering.status
        locale: Locale = "en" if rendering.lang == "en" else "zh-Hans"
        add(rendering.text, locale, "rendering", status)
    for abbreviation in entry.abbr:
        add(abbreviation, locale_of(abbreviation), "abbreviation", "admitted")
    for alias in entry.aliases:
        add(alias, locale_of(alias), "alias", None)
    return sorted(forms, key=lambda t: LOCALES.index(t.locale))


def _examples(
    contexts: Sequence[Context],
    forms: Sequence[TermForm],
    documents: Mapping[str, DocumentInfo],
    limit: int,
) -> dict[int, tuple[Example, ...]]:
    """Each context goes to the term it uses (the same text, else the same folded key, else
    the preferred term of its script); each term keeps its best ``limit`` sentences."""
    from glossary.lookup import best_contexts, lookup_key
    from glossary.text import canonical_key

    if limit <= 0 or not forms:
        return {}
    exact = {t.text: i for i, t in reversed(list(enumerate(forms)))}
    folded = {lookup_key(t.text): i for i, t in reversed(list(enumerate(forms)))}
    canonical = {canonical_key(t.text): i for i, t in reversed(list(enumerate(forms)))}
    preferred = {t.locale: i for i, t in enumerate(forms) if t.kind == "preferred"}
    assigned: dict[int, list[dict[str, Any]]] = {}
    for position, context in enumerate(contexts):
        surface = context.sentence[context.start : context.end]
        index = exact.get(surface)
        if index is None:
            index = folded.get(lookup_key(surface))
        if index is None:
            index = canonical.get(canonical_key(surface))
        if index is None:
            index = preferred.get(locale_of(surface), preferred.get("zh-Hans", 0))
        assigned.setdefault(index, []).append(
            {"source": context.source, "sentence": context.sentence, "position": position}
        )
    chosen: dict[int, tuple[Example, ...]] = {}
    for index, candidates in assigned.items():
        best = sorted(best_contexts(candidates, limit), key=lambda c: c["position"])
        chosen[index] = tuple(
            Example(c["sentence"], cite(contexts[c["position"]], documents)) for c in best
        )
    return chosen


def cite(context: Context, documents: Mapping[str, DocumentInfo]) -> str:
    """Where a sentence is from: ``title (date), file:line``, or ``file:line`` alone."""
    document = documents.get(context.source)
    where = f"{context.source}:{context.line}"
    if document is None or not document.title:
        return where
    date = f" ({document.date})" if document.date else ""
    return f"{document.title}{date}, {where}"
