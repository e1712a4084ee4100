"""``glossary build``: extract the corpus, merge the curated terms, store the glossary.

This is the main job. It reads top to bottom: load and check the terms files, extract
with every curated form taught to the extractor, merge, write the SQLite store.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from glossary.corpus import Skipped
from glossary.engine import EngineOptions, Progress
from glossary.limits import CONTEXTS_PER_ENTRY
from glossary.merge import Converters, Glossary, discouraged_renderings, merge
from glossary.models import DocumentInfo
from glossary.pinyin import pinyin_marks
from glossary.pipeline import ExtractOptions, extract
from glossary.site import SitePaths, publish
from glossary.store import write_glossary
from glossary.terms import Problem, load_terms, term_warnings


@dataclass(frozen=True, slots=True)
class BuildResult:
    glossary: Glossary
    warnings: tuple[Problem, ...]
    skipped: tuple[Skipped, ...]


def build_glossary(
    corpus: Sequence[str],
    terms: Sequence[str],
    database: str,
    options: ExtractOptions | None = None,
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    site: SitePaths | None = None,
    engine: EngineOptions | None = None,
    progress: Progress | None = None,
) -> BuildResult:
    """Build the glossary of ``corpus`` with the curated ``terms`` into ``database``, and
    publish it as a site when ``site`` says where."""
    curated = load_terms(terms)
    known = tuple(s for loaded in curated for s in loaded.term.surfaces())
    # Every use of a discouraged rendering is reported; of the rest, the glossary keeps as
    # many sentences per entry as CONTEXTS_PER_ENTRY, and extraction need keep no more: memory
    # then stays bounded on a large corpus.
    discouraged = tuple(r for loaded in curated for r in discouraged_renderings(loaded.term))
    base = options or ExtractOptions()
    kept = CONTEXTS_PER_ENTRY if base.max_contexts is None else base.max_contexts
    extraction = extract(
        corpus,
        ExtractOptions(base.encoding, kept, known, base.scoring, discouraged),
        on_skip=on_skip,
        engine=engine,
        progress=progress,
    )
    documents = [DocumentInfo(d.source, d.title, d.date, d.encoding) for d in extraction.documents]
    convert = Converters(traditional=_converter("s2t"), pinyin=pinyin_marks)
    glossary = merge(curated, extraction.entries, documents, convert)
    write_glossary(glossary, database, taiwan=_converter("s2twp"))
    if site is not None and glossary.documents:
        publish(glossary, site)
    return BuildResult(glossary, tuple(term_warnings(curated)), extraction.skipped)


def _converter(config: str) -> Callable[[str], str]:
    """An OpenCC conversion (``s2t``, ``s2twp``, …) as a plain function."""
    import opencc

    converter: Any = opencc.OpenCC(config)

    def convert(text: str) -> str:
        return str(converter.convert(text))

    return convert
