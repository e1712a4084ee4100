"""The extraction pipeline, top to bottom: read → split → extract → group → score.

:func:`extract` is the library entry point behind ``glossary extract``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from glossary.candidates import CandidateTable
from glossary.corpus import Skipped, discover
from glossary.engine import (
    PART_CHARS,
    EngineOptions,
    Lines,
    MapSettings,
    Progress,
    document_keys,
    map_chunks,
    paused_gc,
    result_key,
    store_result,
    stored_result,
)
from glossary.extract.chinese import candidate_spans, term_runs
from glossary.extract.employers import employer_spans
from glossary.extract.known import KnownTerms
from glossary.extract.latin import latin_spans
from glossary.extract.lists import enumerations
from glossary.extract.names import name_spans
from glossary.extract.pairs import find_pairs
from glossary.limits import CONTEXTS_PER_ENTRY
from glossary.models import Document, Entry, Sentence
from glossary.scoring import ScoringOptions, score_candidates
from glossary.segment import Segmenter, Token
from glossary.spill import ContextSpill
from glossary.text import (
    SentenceReader,
    canonical_key,
    fold_width,
    load_conversion_tables,
    looks_traditional,
    simplified_same_length,
)


@dataclass(frozen=True, slots=True)
class ExtractOptions:
    """Settings for one extraction run; passed in, never read from the environment."""

    encoding: str | None = None
    max_contexts: int | None = None  # sentences kept per term (None: every one)
    # Surfaces known in advance (curated terms): always found, and taught to the segmenter.
    known_terms: tuple[str, ...] = ()
    scoring: ScoringOptions = field(default_factory=ScoringOptions)
    # Surfaces every sentence of which is kept, whatever max_contexts says (the discouraged
    # renderings whose every use `glossary build` reports).
    all_contexts_of: tuple[str, ...] = ()
    # With max_contexts None: keep CONTEXTS_PER_ENTRY sentences per term in memory and the
    # rest in a temporary file, so that memory does not grow with the corpus; read them
    # back with Extraction.full_entries.
    spill_contexts: bool = False


@dataclass(frozen=True, slots=True)
class Extraction:
    """What a run produced: entries best first, the documents read and the files skipped;
    with ``spill``, the sentences past those the entries hold (see :meth:`full_entries`)."""

    entries: tuple[Entry, ...]
    documents: tuple[Document, ...]
    skipped: tuple[Skipped, ...]
    spill: ContextSpill | None = None

    def full_entries(self) -> Iterator[Entry]:
        """The entries, each with every sentence kept for it: those spilled are read back
        one entry at a time, so that writing them all holds one entry's in memory."""
        spill = self.spill
        for entry in self.entries:
            if spill is None or not entry.spilled_from:
                yield entry
            else:
                yield replace(entry, contexts=spill.every_context(entry), spilled_from=())

    def __reduce__(self) -> tuple[type[Extraction], tuple[object, ...]]:
        # Pickled into the cache. Compiled (mypyc), a frozen class cannot be unpickled
        # field by field: it is made again from its fields.
        if self.spill is not None and self.spill.keys:
            raise TypeError("an extraction with spilled sentences is not kept")
        return (Extraction, (self.entries, self.documents, self.skipped))


def extract(
    paths: Sequence[str],
    options: ExtractOptions | None = None,
    *,
    on_skip: Callable[[Skipped], None] | None = None,
    segmenter: Segmenter | None = None,
    engine: EngineOptions | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """Extract glossary entries from the files and directories in ``paths``.

    ``segmenter`` may be shared between runs in one process (it loads jieba once);
    ``engine`` says where the per-document work runs (here, worker processes or a Dask
    cluster) and whether results are cached; ``progress`` is told (done, total).
    """
    options = options or ExtractOptions()
    engine = engine or EngineOptions()
    skipped: list[Skipped] = []

    def skip(item: Skipped) -> None:
        skipped.append(item)
        if on_skip is not None:
            on_skip(item)

    files, unusable = discover(paths)
    for item in unusable:
        skip(item)
    settings = MapSettings(
        options.encoding, options.max_contexts, options.known_terms, options.all_contexts_of
    )
    # An unchanged corpus, with a cache: the last run's result, with nothing read again.
    keys = document_keys(files, settings, engine)  # each file read once, here
    run_key = result_key(keys, options.scoring, unusable)
    stored = stored_result(engine, run_key)
    if isinstance(stored, Extraction):
        for item in stored.skipped[len(unusable) :]:
            skip(item)
        if progress is not None:
            progress(len(files), len(files))
        return Extraction(stored.entries, stored.documents, tuple(skipped))
    segmenter = segmenter or make_segmenter(options.known_terms)
    analyser = Analyser(segmenter, settings)
    spill = ContextSpill() if options.spill_contexts and options.max_contexts is None else None
    with paused_gc():
        table, documents = _read_corpus(
            files, settings, engine, analyser, skip=skip, progress=progress, keys=keys, spill=spill
        )
        entries = score_candidates(table, segmenter, options.scoring)
        # Freed here by reference counting, so that the collector never walks the table
        # once it runs again; storing the result makes much garbage, none of it cyclic.
        del table
        extraction = Extraction(tuple(entries), tuple(documents), tuple(skipped), spill)
        if spill is not None and spill.size <= HELD_SPILL_BYTES:
            # Few enough to hold: the entries take them all, and the result can be kept.
            extraction = Extraction(
                tuple(extraction.full_entries()), tuple(documents), tuple(skipped)
            )
            spill.close()
        if extraction.spill is None:  # else too large to keep: a re-run merges again
            store_result(engine, run_key, extraction)
    return extraction


def _read_corpus(
    files: Sequence[str],
    settings: MapSettings,
    engine: EngineOptions,
    analyser: Analyser,
    *,
    skip: Callable[[Skipped], None],
    progress: Progress | None,
    keys: Sequence[str | None] | None,
    spill: ContextSpill | None = None,
) -> tuple[CandidateTable, list[Document]]:
    """Every file's candidates merged into one table, chunk by chunk in corpus order and
    pruned as it grows; with the documents read (the others are passed to ``skip``). With
    ``spill``, the table keeps the first sentences of each term and spills the rest."""
    if spill is None:
        table = settings.table()
    else:
        table = CandidateTable(CONTEXTS_PER_ENTRY, settings.all_contexts_of, spill)
    documents: list[Document] = []
    chunks = map_chunks(
        files,
        settings,
        engine,
        analyser.add,
        progress=progress,
        keys=keys,
        load=analyser.load,
        into=table,
    )
    for chunk in chunks:
        chunk.merge_into(table)  # nothing to do for a chunk read into it
        table.prune(SEQUENCE_LIMIT, CANDIDATE_LIMIT)
        for outcome in chunk.outcomes:
            if isinstance(outcome, Skipped):
                skip(outcome)
            else:
                documents.append(outcome)
    return table, documents


# Sentences spilled past the first of each term (ContextSpill.size) that a run still reads
# back into its entries at once, so that its result can be kept in the cache: a corpus of a
# few MB. Past this, they are read back as the output is written, and a re-run over the
# unchanged corpus merges its cached tables again.
HELD_SPILL_BYTES = 16_000_000

# Word sequences and candidates held before the rarest are dropped (CandidateTable.prune):
# far above what a few hundred articles need, and what keeps a large corpus under 600 MiB
# with scoring (about 520 MiB measured on the 50 MB cut, benchmarks/extract_scale.py).
SEQUENCE_LIMIT = 500_000
CANDIDATE_LIMIT = 50_000


def make_segmenter(known_terms: Sequence[str] = ()) -> Segmenter:
    """A segmenter that keeps the Chinese known terms whole."""
    forms = {simplified_same_length(fold_width(t.strip())) for t in known_terms if t.strip()}
    return Segmenter(sorted(f for f in forms if not f.isascii()))


class Analyser:
    """Runs every extractor over a document, filing what they find in a table."""

    def __init__(self, segmenter: Segmenter, settings: MapSettings) -> None:
        self.segmenter = segmenter
        self.settings = settings
        self.known = KnownTerms(settings.known_terms) if settings.known_terms else None

    def add(
        self,
        table: CandidateTable,
        document: Document,
        lines: Lines | None = None,
        *,
        on_part: Callable[[float], None] | None = None,
        reader: SentenceReader | None = None,
    ) -> None:
        """Analyse ``document`` into ``table`` (a chunk's or the corpus's own); with
        ``lines``, only that part of it (see :func:`add_document`)."""
        add_document(
            table,
            document,
            self.segmenter,
            self.known,
            lines=lines,
            on_part=on_part,
            reader=reader,
        )

    def load(self) -> None:
        """Load now what analysing takes, rather than on the first document."""
        self.segmenter.load()
        load_conversion_tables()


def add_document(
    table: CandidateTable,
    document: Document,
    segmenter: Segmenter,
    known: KnownTerms | None = None,
    *,
    lines: Lines | None = None,
    on_part: Callable[[float], None] | None = None,
    reader: SentenceReader | None = None,
) -> None:
    """Run every extractor over one document and file what they find in ``table``.

    With ``lines`` (first, end), only the sentences on lines first to end - 1 are filed:
    a part of the document, the rest read into another table. The parts' tables merged in
    order make the whole document's: the part that starts the document counts it, and
    the sentences before a part count as seen (a sentence never spans lines). ``reader``
    is the document's, when it has handed out the sentences before the part already
    (parts read in turn split the document once); else one is made here.
    ``on_part`` is called between two lines each time PART_CHARS more characters of
    sentences have been filed, with the share of the document's lines before the next (to
    prune the table of a large document, and tell how far it is read).
    """
    first, end = lines or (1, None)
    if first == 1:
        table.documents += 1
    if reader is None or not reader.can_start(document, first):
        reader = SentenceReader(document)
    traditional = looks_traditional(document.text)
    filed = 0  # characters of sentences filed since on_part was last called
    line = 0
    lines_in_all = document.text.count("\n") + 1 if on_part is not None else 1
    # A sentence repeated in one document (a summary, a banner) is counted, but it adds
    # nothing to the statistics that decide what is a term.
    for sentence, repeated in reader.up_to(end):
        if sentence.line < first:  # before the part: seen, not filed
            continue
        if on_part is not None:
            if sentence.line != line:  # between two lines
                line = sentence.line
                if filed >= PART_CHARS:
                    filed = 0
                    on_part((line - 1) / lines_in_all)
            filed += len(sentence.text)
        add_sentence(
            table,
            sentence,
            segmenter,
            repeated=repeated,
            traditional=traditional,
            known=known,
        )


def add_sentence(
    table: CandidateTable,
    sentence: Sentence,
    segmenter: Segmenter,
    *,
    repeated: bool = False,
    traditional: bool = False,
    known: KnownTerms | None = None,
) -> None:
    """Extract from one sentence. Extractors read a width-folded (and, for Traditional
    text, Simplified) copy with the same offsets; surfaces are cut from the original."""
    folded = fold_width(sentence.text)
    if traditional:
        folded = simplified_same_length(folded)
    latin = list(latin_spans(folded))
    tokens = segmenter.tokens(folded, latin)
    found: dict[tuple[int, int], set[str]] = {}
    parts: dict[tuple[int, int], tuple[str, ...]] = {}
    neighbours: dict[tuple[int, int], tuple[str, str]] = {}

    for span in latin:
        found.setdefault(span, set()).add("latin")
    if known is not None:
        for span in known.spans(folded):
            found.setdefault(span, set()).add("curated")
    words = [token.text for token in tokens]
    # Each token as a neighbour of a candidate: a Han or Latin word, or "" for the rest.
    edges = ["", *(t.text if t.kind in ("han", "latin") else "" for t in tokens), ""]
    for first, last in candidate_spans(tokens):
        span = (tokens[first].start, tokens[last - 1].end)
        signals = found.get(span)
        if signals is None:
            found[span] = {"ngram"}
        else:
            signals.add("ngram")
        parts[span] = tuple(words[first:last])
        neighbours[span] = (edges[first], edges[last + 1])
    for span in name_spans(tokens):
        found.setdefault(span, set()).add("person")
    for span in employer_spans(tokens, segmenter):
        found.setdefault(span, set()).add("employer")
    pairs = []
    for match in find_pairs(folded, segmenter):
        found.setdefault(match.zh, set()).add("pair")
        found.setdefault(match.en, set()).add("pair")
        pairs.append(match)

    if not repeated:
        _count_sequences(table, tokens)
        table.add_lists(enumerations(folded))
    for (start, end), signals in found.items():
        left, right = neighbours.get((start, end), ("", ""))
        table.add(
            sentence.text[start:end],
            sentence,
            start,
            signals,
            left=left,
            right=right,
            parts=parts.get((start, end), ()),
            repeated=repeated,
        )
    for match in pairs:
        abbreviation = folded[slice(*match.abbreviation)] if match.abbreviation else None
        table.add_pair(
            canonical_key(sentence.text[slice(*match.zh)]),
            canonical_key(sentence.text[slice(*match.en)]),
            abbreviation,
        )


def _count_sequences(table: CandidateTable, tokens: Sequence[Token]) -> None:
    table.tokens += sum(1 for token in tokens if token.kind in ("han", "latin", "digit"))
    table.add_sequences(term_runs(tokens))
