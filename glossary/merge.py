"""Curated terms + extracted entries → the merged glossary, and what the build reports.

Curated fields win; extraction adds counts, documents, dates, sentences and the renderings
the text used with how often. Extracted entries no curated entry claims stay in the
glossary as uncurated entries (the candidates a terminologist reviews next).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Literal

from glossary.limits import CONTEXTS_PER_ENTRY
from glossary.models import Context, DocumentInfo, Entry, GlossaryEntry, Rendering
from glossary.pinyin import pinyin_key
from glossary.terms import CuratedTerm, LoadedTerm, Status, slugify
from glossary.text import canonical_key, script_of


@dataclass(frozen=True, slots=True)
class Converters:
    """Functions the merge needs from heavy libraries, passed in so tests can stay light."""

    traditional: Callable[[str], str]
    pinyin: Callable[[str], str]


@dataclass(frozen=True, slots=True)
class DiscouragedUse:
    """A rendering a curated entry marks deprecated or forbidden, found in the corpus."""

    entry_id: str
    rendering: str
    status: str
    preferred: str
    context: Context


@dataclass(frozen=True, slots=True)
class BuildReport:
    unused: tuple[LoadedTerm, ...]  # curated entries the corpus never uses
    discouraged: tuple[DiscouragedUse, ...]
    candidates: tuple[GlossaryEntry, ...]  # best uncurated entries, best first


@dataclass(frozen=True, slots=True)
class Glossary:
    entries: tuple[GlossaryEntry, ...]
    documents: tuple[DocumentInfo, ...]
    report: BuildReport


def merge(
    curated: Sequence[LoadedTerm],
    extracted: Sequence[Entry],
    documents: Sequence[DocumentInfo],
    convert: Converters,
    report_size: int = 20,
) -> Glossary:
    dates = {d.source: d.date for d in documents if d.date}
    by_key: dict[str, list[int]] = {}
    for index, found in enumerate(extracted):
        for surface in _surfaces_of(found):
            by_key.setdefault(canonical_key(surface), []).append(index)

    claimed: set[int] = set()
    entries: list[GlossaryEntry] = []
    discouraged: list[DiscouragedUse] = []
    unused: list[LoadedTerm] = []
    for loaded in curated:
        term = loaded.term
        hits = sorted({i for s in term.surfaces() for i in by_key.get(canonical_key(s), [])})
        claimed.update(hits)
        evidence = [extracted[i] for i in hits]
        merged = _curated_entry(term, evidence, dates, convert)
        entries.append(merged)
        if merged.count == 0:
            unused.append(loaded)
        discouraged.extend(_discouraged_uses(term, evidence))

    taken = {e.id for e in entries}
    uncurated: list[GlossaryEntry] = []
    remaining = [found for index, found in enumerate(extracted) if index not in claimed]
    for found, abbreviations in _with_abbreviations(remaining):
        candidate = _extracted_entry(found, dates, convert, taken, abbreviations)
        taken.add(candidate.id)
        uncurated.append(candidate)
    entries.extend(uncurated)
    entries.sort(key=lambda e: (-e.score, e.id))
    report = BuildReport(tuple(unused), tuple(discouraged), tuple(uncurated[:report_size]))
    return Glossary(tuple(entries), tuple(documents), report)


def _with_abbreviations(found: list[Entry]) -> list[tuple[Entry, tuple[str, ...]]]:
    """Each entry with the acronyms stated with it: the extraction lists an acronym
    (RAG ↔ 检索增强生成) as an entry of its own, the glossary folds it into the entry of its
    expansion with the same Chinese, as one concept with an abbreviation. An acronym with
    no such entry stays an entry."""
    expansions: dict[str, int] = {}
    for index, entry in enumerate(found):
        if entry.zh and entry.en and "abbreviation" not in entry.signals:
            expansions.setdefault(canonical_key(entry.zh), index)
    folded: dict[int, list[Entry]] = {}
    kept: list[int] = []
    for index, entry in enumerate(found):
        target = expansions.get(canonical_key(entry.zh)) if entry.zh else None
        if "abbreviation" in entry.signals and target is not None:
            folded.setdefault(target, []).append(entry)
        else:
            kept.append(index)
    return [(_fold(found[i], folded.get(i, [])), _acronyms(folded.get(i, []))) for i in kept]


def _fold(entry: Entry, acronyms: list[Entry]) -> Entry:
    if not acronyms:
        return entry
    everything = [entry, *acronyms]
    sources = tuple(sorted({s for e in everything for s in e.sources}))
    return replace(
        entry,
        variants=tuple(dict.fromkeys(v for e in everything for v in e.variants)),
        count=sum(e.count for e in everything),
        doc_count=len(sources),
        sources=sources,
        contexts=tuple(c for e in everything for c in e.contexts),
        signals=tuple(sorted({s for e in everything for s in e.signals})),
        surface_counts=tuple(pair for e in everything for pair in e.surface_counts),
    )


def _acronyms(acronyms: list[Entry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a.en for a in acronyms if a.en))


def _surfaces_of(entry: Entry) -> Iterable[str]:
    yield entry.term
    yield from entry.variants
    if entry.zh:
        yield entry.zh
    if entry.en:
        yield entry.en


def _curated_entry(
    term: CuratedTerm, evidence: list[Entry], dates: dict[str, str], convert: Converters
) -> GlossaryEntry:
    usage = _usage(evidence)
    documents = sorted({s for e in evidence for s in e.sources})
    seen = sorted(dates[d] for d in documents if d in dates)
    renderings = [
        Rendering(text, _lang(text), term.status_of(text).value, usage.get(canonical_key(text), 0))
        for text in [term.zh, term.en, *term.renderings]
        if text
    ]
    variants = dict.fromkeys(s for e in evidence for s in e.variants)
    return GlossaryEntry(
        id=term.id,
        zh=term.zh,
        zh_hant=term.zh_hant or convert.traditional(term.zh),
        en=term.en,
        pinyin=term.pinyin or convert.pinyin(term.zh),
        type=term.type,
        category=term.category,
        definition_zh=term.definition.zh if term.definition else None,
        definition_en=term.definition.en if term.definition else None,
        note=term.note,
        curated=True,
        abbr=tuple(term.abbr),
        aliases=tuple(term.aliases),
        renderings=tuple(renderings),
        related=tuple(term.related),
        references=tuple(term.sources),
        score=max([1.0 * bool(evidence)] + [e.score for e in evidence]),
        count=sum(e.count for e in evidence),
        doc_count=len(documents),
        documents=tuple(documents),
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        variants=tuple(variants),
        contexts=_contexts(evidence),
        signals=tuple(sorted({"curated", *(s for e in evidence for s in e.signals)})),
    )


def _extracted_entry(
    found: Entry,
    dates: dict[str, str],
    convert: Converters,
    taken: set[str],
    abbreviations: tuple[str, ...] = (),
) -> GlossaryEntry:
    zh = found.zh
    pinyin = convert.pinyin(zh) if zh else ""
    toneless = " ".join(pinyin_key(syllable) for syllable in pinyin.split())
    base = slugify(found.en) if found.en else slugify(toneless)
    entry_id = base
    suffix = 2
    while entry_id in taken:
        entry_id = f"{base}-{suffix}"
        suffix += 1
    seen = sorted(dates[d] for d in found.sources if d in dates)
    usage = _usage([found])
    renderings = []
    if found.en:
        votes = usage.get(canonical_key(found.en), 0)
        renderings.append(Rendering(found.en, "en", Status.PREFERRED.value, votes))
    chinese = [text for text, _ in found.renderings] or ([zh] if zh else [])
    for index, text in enumerate(chinese):
        status = Status.PREFERRED if index == 0 else Status.ADMITTED
        renderings.append(Rendering(text, "zh", status.value, usage.get(canonical_key(text), 0)))
    return GlossaryEntry(
        id=entry_id,
        zh=zh,
        zh_hant=convert.traditional(zh) if zh else None,
        en=found.en,
        pinyin=pinyin,
        type=found.type,
        category=None,
        definition_zh=None,
        definition_en=None,
        note=None,
        curated=False,
        abbr=abbreviations,
        aliases=(),
        renderings=tuple(renderings),
        related=(),
        references=(),
        score=found.score,
        count=found.count,
        doc_count=found.doc_count,
        documents=found.sources,
        first_seen=seen[0] if seen else None,
        last_seen=seen[-1] if seen else None,
        variants=found.variants,
        contexts=found.contexts[:CONTEXTS_PER_ENTRY],
        signals=found.signals,
    )


def _usage(evidence: list[Entry]) -> dict[str, int]:
    """How often each surface (by canonical key) was used across the matched entries."""
    usage: dict[str, int] = {}
    for entry in evidence:
        for surface, count in entry.surface_counts:
            key = canonical_key(surface)
            usage[key] = usage.get(key, 0) + count
    return usage


def _contexts(evidence: list[Entry]) -> tuple[Context, ...]:
    seen: set[tuple[str, int, str]] = set()
    kept: list[Context] = []
    for entry in evidence:
        for context in entry.contexts:
            key = (context.source, context.line, context.sentence)
            if key not in seen:
                seen.add(key)
                kept.append(context)
    kept.sort(key=lambda c: (c.source, c.line))
    return tuple(kept[:CONTEXTS_PER_ENTRY])


def discouraged_renderings(term: CuratedTerm) -> dict[str, Status]:
    """The renderings of ``term`` its curators deprecated or forbade, with which."""
    return {
        text: status
        for text, status in term.renderings.items()
        if status in (Status.DEPRECATED, Status.FORBIDDEN)
    }


def _discouraged_uses(term: CuratedTerm, evidence: list[Entry]) -> list[DiscouragedUse]:
    found: list[DiscouragedUse] = []
    discouraged = {
        canonical_key(text): (text, status) for text, status in discouraged_renderings(term).items()
    }
    if not discouraged:
        return found
    for context in (c for e in evidence for c in e.contexts):
        key = canonical_key(context.sentence[context.start : context.end])
        if key in discouraged:
            text, status = discouraged[key]
            preferred = (term.zh if _lang(text) == "zh" else term.en) or term.zh
            found.append(DiscouragedUse(term.id, text, status.value, preferred, context))
    return found


def _lang(text: str) -> Literal["zh", "en"]:
    return "en" if script_of(text) == "en" else "zh"
