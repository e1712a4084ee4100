"""Where the per-document work runs: in this process, in worker processes, or on a Dask
cluster — with a cache keyed by content, so a re-run over an unchanged corpus reads nothing
again and one new article costs one article.

The corpus is cut into chunks of consecutive documents. Each chunk is analysed into one
candidate table, pruned if it grew past the chunk limits (lossy counting: the rarest word
runs are dropped), and handed back in corpus order to be merged. The steps are the same
whichever engine runs them, so the output is too. Chunk boundaries depend only on each
file's own name, so adding a file changes only the chunk it falls in: the cache keeps the
table of every chunk as well as of every document.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple, Protocol, TypeVar

from glossary.cache import ResultCache, document_key, pack, run_key, unpack
from glossary.candidates import CandidateTable
from glossary.corpus import Skipped, read_document
from glossary.errors import CorpusError, GlossaryError
from glossary.models import Document
from glossary.spill import ContextSpill
from glossary.text import SentenceReader

# Bump when extraction changes what a document yields, or the cache how it packs it.
CACHE_VERSION = "5"


@dataclass(frozen=True, slots=True)
class MapSettings:
    """What the per-document work depends on; part of every cache key."""

    encoding: str | None
    max_contexts: int | None
    known_terms: tuple[str, ...]
    all_contexts_of: tuple[str, ...] = ()  # see ExtractOptions

    def fingerprint(self) -> str:
        digest = hashlib.sha256(CACHE_VERSION.encode())
        fields = (self.encoding, self.max_contexts, self.known_terms, self.all_contexts_of)
        digest.update(repr(fields).encode())
        return digest.hexdigest()

    def table(self) -> CandidateTable:
        """An empty candidate table that keeps the sentences these settings ask for."""
        return CandidateTable(self.max_contexts, self.all_contexts_of)


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """One document's metadata (without its text) and its own candidate table, as the plain
    state :meth:`CandidateTable.to_state` gives (quick to send between processes and to
    cache)."""

    document: Document
    state: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class EngineOptions:
    """How to run the map. ``workers`` processes (1: in this process; 0: choose — one per
    core, up to two, for more than eight files or SHARED_BYTES of text); ``cache`` an
    SQLite file for document, chunk and run results (see :mod:`glossary.cache`);
    ``scheduler`` the address of a Dask scheduler."""

    workers: int = 1
    cache: str | None = None
    scheduler: str | None = None
    connect_timeout: float = 20.0  # seconds to reach the scheduler


# (documents done, documents in all); done counts a part of a large document being read
# in this process as a fraction of one.
Progress = Callable[[float, int], None]
# A part of a document: its lines first to end - 1 (end None: to the document's end).
Lines = tuple[int, int | None]


class Analyse(Protocol):
    """Analyses a document, or with ``lines`` a part of it, into a table (a document's own,
    or its chunk's), calling ``on_part`` between lines after every PART_CHARS characters
    of sentences with the share of the document read; ``reader`` hands out its sentences
    when the parts are read in turn: :meth:`glossary.pipeline.Analyser.add`.
    """

    def __call__(
        self,
        table: CandidateTable,
        document: Document,
        lines: Lines | None = None,
        *,
        on_part: Callable[[float], None] | None = None,
        reader: SentenceReader | None = None,
    ) -> None: ...


# Loads what an Analyse needs (its dictionaries), before worker processes are forked.
Load = Callable[[], None]
Result = TypeVar("Result")
# Maps a job over jobs, results in order: in worker processes (_pool_map) or on the cluster.
RunJobs = Callable[[Callable[[Any], Any], Iterable[Any]], Iterator[Any]]

# A chunk ends after a file whose name hashes to 0 modulo this number: about this many
# documents per chunk on average, never more than the maximum.
CHUNK_DOCUMENTS = 8
MAX_CHUNK_DOCUMENTS = 32
# A chunk's table holding more than this is pruned before it is merged (see
# CandidateTable.prune): what keeps messages, the cache and the merge small.
CHUNK_SEQUENCE_LIMIT = 150_000
CHUNK_CANDIDATE_LIMIT = 20_000
# A document of more than this many characters (one large file, a corpus in itself) is read
# into a table of its own, pruned as it grows, every PART_CHARS characters of sentences,
# past four times the chunk limits, and then merged into its chunk's: the cache's way, so
# that both give one table. In any encoding such a file holds more than SHARED_MAX_BYTES,
# so it is never cut between two processes.
LARGE_DOCUMENT_CHARS = 2_000_000
PART_CHARS = 500_000
# A large document is read in sections of about this many characters, each like a chunk:
# into a table of its own, pruned as it grows and when it is done, then merged into the
# document's in order. Sections can be read by several processes (see _sectioned).
SECTION_CHARS = 2_000_000
# Jobs handed to the workers beyond one each (see _pool_map); a finished one waits as a
# pruned chunk table, some tens of MiB at most.
JOBS_AHEAD = 4
# A corpus of this many bytes or more is read in two processes even when it has few files
# (see _shared_chunks): below, starting a worker and loading its dictionaries (about 0.3 s)
# costs more than the half of the reading it takes over.
SHARED_BYTES = 400_000
# A corpus of at most this many chunks and bytes is read partly here, partly in one worker
# (see _shared_chunks); a larger one by a pool of workers while this process merges, or, in
# one chunk, here alone. The bytes bound the worker's unpruned document tables, which this
# process holds until it has read its own part (about 100 MiB per MB of text).
SHARED_CHUNKS = 2
SHARED_MAX_BYTES = 2_000_000
# The share of such a corpus's text read here: more than half, because the worker's tables
# of the chunk the parts cut through are sent unpruned, and packing, unpacking and merging
# them costs about what reading a tenth of the text does (1 MB benchmark cut, compiled,
# medians of runs taken in turns: 1.10 s for a half here, 1.06 s for 55 %, 1.07 s for 60 %,
# 1.09 s for 65 %; 55 % was also 1.5 % faster than 60 % on the cut's files as one file).
MAIN_SHARE = 0.55
# Workers inherit the dictionaries this process loads before forking them (see _forking)
# for a corpus of at most this many bytes. For a larger one, each loads its own: the time
# saved (about 0.1 s, at the end of the run) is a small share, and holding the dictionaries
# through a merge whose table has grown to its limits raised the peak (50 MB benchmark
# cut: 583 against 511 MiB).
INHERITED_MAX_BYTES = 20_000_000


@dataclass(frozen=True, slots=True)
class ChunkResult:
    """Consecutive documents analysed into one table: each document's metadata (or why it
    was skipped), in order, and the plain state of their pruned table."""

    outcomes: tuple[Document | Skipped, ...]
    state: tuple[Any, ...] | None = None  # from a worker or the cache …
    table: CandidateTable | None = None  # … or the table itself, made in this process

    def merge_into(self, table: CandidateTable) -> None:
        if self.table is table:  # read into it already (see map_chunks' ``into``)
            return
        if self.table is not None:
            table.merge_table(self.table)
        elif self.state is not None:
            table.merge_state(self.state)


def chunk_bounds(files: Sequence[str]) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``files``, in order: a chunk ends after a file whose
    name says so (about CHUNK_DOCUMENTS files a chunk) or at MAX_CHUNK_DOCUMENTS, and a
    file that may hold a large document is a chunk of its own, so that the workers read
    several such files side by side, not one after another.

    >>> files = [f"doc-{i:02}.txt" for i in range(40)]
    >>> bounds = chunk_bounds(files)
    >>> bounds[0][0], bounds[-1][1], all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    (0, 40, True)
    >>> chunk_bounds(["a.txt", *files])[1:] == [(s + 1, e + 1) for s, e in bounds[1:]]
    True
    """
    bounds: list[tuple[int, int]] = []
    start = 0
    for index, path in enumerate(files):
        alone = _may_be_large(path)
        if alone and index > start:  # the chunk before it ends here
            bounds.append((start, index))
            start = index
        end = index + 1
        if alone or _ends_chunk(path) or end - start == MAX_CHUNK_DOCUMENTS or end == len(files):
            bounds.append((start, end))
            start = end
    return bounds


def _ends_chunk(path: str) -> bool:
    """Decided by the file's name alone, so a corpus moved elsewhere keeps its chunks."""
    digest = hashlib.blake2b(Path(path).name.encode(), digest_size=4).digest()
    return int.from_bytes(digest, "big") % CHUNK_DOCUMENTS == 0


def _may_be_large(path: str) -> bool:
    """Whether the file has room for a large document: every character takes a byte at
    least, so a file of LARGE_DOCUMENT_CHARS bytes or fewer holds none."""
    return _size(path) > LARGE_DOCUMENT_CHARS


def prune_chunk(table: CandidateTable, *, finished: bool) -> None:
    """Prune a chunk's table: to the chunk limits once its documents are all in, and, while
    they are read, whenever it grows past four times those (what bounds a worker's memory
    when a chunk holds many large documents)."""
    scale = 1 if finished else 4
    table.prune(CHUNK_SEQUENCE_LIMIT * scale, CHUNK_CANDIDATE_LIMIT * scale)


def map_chunks(
    files: Sequence[str],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Analyse,
    *,
    progress: Progress | None = None,
    keys: Sequence[str | None] | None = None,
    load: Load | None = None,
    into: CandidateTable | None = None,
) -> Iterator[ChunkResult]:
    """Every chunk of ``files`` analysed and pruned, in corpus order; ``keys`` are the
    files' cache keys when the caller has them already (:func:`document_keys`). With
    ``load``, forked workers analyse with ``analyse`` itself, loaded here first (see
    :func:`_forking`), for a corpus of at most INHERITED_MAX_BYTES. ``into`` is the
    caller's table, still empty, which the chunks are merged into: a corpus of one large
    document has its sections merged into it directly; in a larger corpus, a large
    document's go into a table that spills when ``into`` does. Either way, when the
    sentences past the first of each term are spilled, no table here holds the document's
    every sentence."""
    bounds = chunk_bounds(files)
    if load is not None and sum(map(_size, files)) > INHERITED_MAX_BYTES:
        load = None
    done = 0

    def advance(documents: int) -> None:
        nonlocal done
        done += documents
        if progress is not None:
            progress(done, len(files))

    def advance_within(share: float) -> None:  # of a large document being read
        if progress is not None and share < 1:  # all of it: told by advance
            progress(done + share, len(files))

    workers = _workers(options.workers, files)
    # A large document's sections merged here go into a table that spills, when the
    # caller's does: it never holds the document's every sentence.
    spilling = None
    if into is not None and into.spill is not None:
        spilling = functools.partial(_spilling_table, into.max_contexts, settings)

    def pooled(run: RunJobs) -> Iterator[ChunkResult]:  # the chunks, read by ``run``
        chunks = [list(files[start:end]) for start, end in bounds]
        return _pooled_chunks(
            chunks,
            settings,
            run,
            _chunk_job,
            _sectioned_chunk,
            on_section=advance_within,
            new_table=spilling,
        )

    if options.cache:
        keys = keys if keys is not None else _keys(files, settings)
        results: Iterator[ChunkResult] = _cached_chunks(
            files, bounds, settings, options, analyse, keys=keys, load=load
        )
    elif options.scheduler:
        results = pooled(functools.partial(_dask_map, options=options))
    elif len(files) == 1 and not _shareable(files):
        results = _sectioned(
            files[0], settings, analyse, workers, load=load, on_section=advance_within, into=into
        )
    elif workers > 1 and len(bounds) <= SHARED_CHUNKS and _shareable(files):
        shared = _shared_chunks(files, bounds, settings, analyse, lambda: advance(1))
        yield from _forking(shared, settings, analyse, load)
        return
    elif workers > 1 and len(bounds) > 1:
        in_workers = pooled(functools.partial(_pool_map, workers=workers))
        results = _forking(in_workers, settings, analyse, load)
    else:  # here, reporting each document as it is read
        for start, end in bounds:
            paths = files[start:end]
            # A large file's sections merge into a table that spills, as the workers' do.
            large = None if spilling is None else _large_document(paths, settings)
            if large is not None and spilling is not None:
                table = document_table(large, settings, analyse, advance_within, spilling())
                advance(1)
                yield _sectioned_chunk(_metadata(large), table)
                continue
            yield _analyse_chunk(
                paths,
                settings,
                analyse,
                lambda: advance(1),
                keep_table=True,
                on_part=advance_within,
            )
        return
    for result in results:
        advance(len(result.outcomes))
        yield result


def _analyse_chunk(
    paths: Sequence[str],
    settings: MapSettings,
    analyse: Analyse,
    on_document: Callable[[], None] | None = None,
    *,
    keep_table: bool = False,
    on_part: Callable[[float], None] | None = None,
) -> ChunkResult:
    """Read the chunk's documents into one table and prune it; the result holds the table
    itself (``keep_table``, for this process) or its plain state (to send or cache).
    ``on_document`` is told of each document read, ``on_part`` of each part of a large one
    (with the share of it read)."""
    table = settings.table()
    outcomes: list[Document | Skipped] = []
    _read_into(table, paths, settings, analyse, outcomes, on_document=on_document, on_part=on_part)
    prune_chunk(table, finished=True)
    if keep_table:
        return ChunkResult(tuple(outcomes), table=table)
    return ChunkResult(tuple(outcomes), table.to_state())


def _read_into(
    table: CandidateTable,
    paths: Sequence[str],
    settings: MapSettings,
    analyse: Analyse,
    outcomes: list[Document | Skipped],
    *,
    on_document: Callable[[], None] | None = None,
    on_part: Callable[[float], None] | None = None,
) -> None:
    """Read documents one after another into a chunk's table, pruning it as it grows."""
    for path in paths:
        try:
            document = read_document(path, settings.encoding)
        except CorpusError as error:
            outcomes.append(Skipped(path, error.reason))
        else:
            if len(document.text) > LARGE_DOCUMENT_CHARS:
                table.merge_table(document_table(document, settings, analyse, on_part))
            else:
                analyse(table, document)
            outcomes.append(_metadata(document))
            prune_chunk(table, finished=False)
        if on_document is not None:
            on_document()


def _merge_documents(
    table: CandidateTable,
    results: Sequence[DocumentResult | Skipped],
    outcomes: list[Document | Skipped],
    *,
    on_document: Callable[[], None] | None = None,
) -> None:
    """Merge documents' own tables into a chunk's, in order, pruning it as :func:`_read_into`
    does after each document: the chunk's table comes out the same either way."""
    for result in results:
        if isinstance(result, DocumentResult):
            table.merge_state(result.state)
            outcomes.append(result.document)
            prune_chunk(table, finished=False)
        else:
            outcomes.append(result)
        if on_document is not None:
            on_document()


def _shared_chunks(
    files: Sequence[str],
    bounds: list[tuple[int, int]],
    settings: MapSettings,
    analyse: Analyse,
    on_document: Callable[[], None],
) -> Iterator[ChunkResult]:
    """The chunks of a small corpus of a few chunks, read by two processes: this one reads
    the first MAIN_SHARE of the text (by size), a forked worker the rest, each in corpus
    order; the document the parts cut through is cut at a line, and each reads its side.
    The chunk the parts cut through is put together here: its first documents (and the
    first side of the document cut) read into its table, then the worker's tables of the
    others (and of the other side) merged in order, as :func:`make_chunk` does, so every
    chunk's table is the one :func:`_analyse_chunk` makes. (The pool of :func:`_pool_map`
    would leave this process idle and have it load what scoring needs only afterwards.)"""
    import multiprocessing

    split = _worker_split(files, settings)
    if split.document == len(files):  # nothing for a worker: a file of one line
        for start, end in bounds:
            yield _analyse_chunk(files[start:end], settings, analyse, on_document, keep_table=True)
        return
    with multiprocessing.get_context("fork").Pool(1) as pool:
        later = pool.apply_async(_worker_part_job, ((list(files), bounds, split, settings),))
        rest: Iterator[ChunkResult] = iter(())  # the worker's whole chunks
        for start, end in bounds:
            if end <= split.document:
                yield _analyse_chunk(
                    files[start:end], settings, analyse, on_document, keep_table=True
                )
            elif split.cuts(start, end):
                table = settings.table()
                outcomes: list[Document | Skipped] = []
                _read_into(
                    table,
                    files[start : split.document],
                    settings,
                    analyse,
                    outcomes,
                    on_document=on_document,
                )
                if split.part is not None:
                    analyse(table, split.part, (1, split.line))  # the rest is the worker's
                shared, chunks = later.get()  # once this process has read its part
                rest = iter(chunks)
                # the other side of the document cut first, if one is, then the others
                _merge_documents(table, shared, outcomes, on_document=on_document)
                prune_chunk(table, finished=True)
                yield ChunkResult(tuple(outcomes), table=table)
            else:
                if start == split.document:  # the parts meet at a chunk boundary
                    rest = iter(later.get()[1])
                chunk = next(rest)
                for _ in chunk.outcomes:
                    on_document()
                yield chunk


def _worker_part_job(
    job: tuple[list[str], list[tuple[int, int]], Split, MapSettings],
) -> tuple[list[DocumentResult | Skipped], list[ChunkResult]]:
    """The worker's part of :func:`_shared_chunks`: each document's own table for the chunk
    the parts cut through (the first, of the other side of the document cut in two), and
    the whole chunks after it."""
    files, bounds, split, settings = job
    with paused_gc():
        analyse = _worker_analyse(settings)
        shared: list[DocumentResult | Skipped] = []
        chunks: list[ChunkResult] = []
        for start, end in bounds:
            if split.cuts(start, end):
                first = split.document  # the first document read whole here
                if split.part is not None:
                    table = settings.table()
                    analyse(table, split.part, (split.line, None))
                    shared.append(DocumentResult(_metadata(split.part), table.to_state()))
                    first += 1
                shared += [analyse_file(path, settings, analyse) for path in files[first:end]]
            elif start >= split.document:
                chunks.append(_analyse_chunk(files[start:end], settings, analyse))
        return shared, chunks


def _sectioned(
    path: str,
    settings: MapSettings,
    analyse: Analyse,
    workers: int,
    *,
    load: Load | None,
    on_section: Callable[[float], None],
    into: CandidateTable | None = None,
) -> Iterator[ChunkResult]:
    """The one chunk of a corpus of one file too large to share (see _shareable): a large
    document's sections read here or by the workers (see :func:`_read_by_sections`) and
    merged into ``into`` when it is given, the table pruned as :func:`_analyse_chunk`
    prunes a chunk's."""
    read = _read_by_sections(
        path, settings, analyse, workers, load=load, on_section=on_section, into=into
    )
    if read is None:  # not a large document: read here whole
        yield _analyse_chunk([path], settings, analyse, keep_table=True)
    elif isinstance(read, Skipped):
        yield ChunkResult((read,))
    else:
        yield _sectioned_chunk(*read)


def _sectioned_chunk(document: Document, table: CandidateTable) -> ChunkResult:
    """The chunk of one large document, from the document's table: pruned as
    :func:`_analyse_chunk` prunes it once the document is read, and then the chunk."""
    prune_chunk(table, finished=False)
    prune_chunk(table, finished=True)
    return ChunkResult((document,), table=table)


def _read_by_sections(
    path: str,
    settings: MapSettings,
    analyse: Analyse,
    workers: int,
    *,
    load: Load | None,
    on_section: Callable[[float], None] | None = None,
    into: CandidateTable | None = None,
) -> tuple[Document, CandidateTable] | Skipped | None:
    """A large document's metadata and table, its sections (see :func:`document_table`)
    read by ``workers`` processes, or here for one, and merged here in order (into
    ``into`` when it is given): the table one process makes. None when the file holds no
    large document; ``on_section`` is told the share read."""
    try:
        document = read_document(path, settings.encoding)
    except CorpusError as error:
        return Skipped(path, error.reason)
    if len(document.text) <= LARGE_DOCUMENT_CHARS:
        return None
    if workers <= 1:
        return _metadata(document), document_table(document, settings, analyse, on_section, into)
    jobs = [(path, lines, settings) for lines in sections(document)]
    # The workers, forked below, find the document here (see _section_job): each would
    # otherwise read its own copy, beside the one it inherits.
    _worker_state["document"] = (path, document)
    states = _forking(_pool_map(_section_job, jobs, workers), settings, analyse, load)

    def merged(done: int) -> None:
        if on_section is not None:
            on_section(done / len(jobs))

    return _metadata(document), merged_sections(states, settings, merged, into)


def _pooled_chunks(
    chunks: list[list[str]],
    settings: MapSettings,
    run: RunJobs,
    whole: Callable[[tuple[list[str], MapSettings]], Result],
    sectioned: Callable[[Document, CandidateTable], Result],
    *,
    on_section: Callable[[float], None] | None = None,
    new_table: Callable[[], CandidateTable] | None = None,
) -> Iterator[Result]:
    """Each chunk read by the workers (``run`` maps a job over jobs: :func:`_pool_map`,
    :func:`_dask_map`), in order: by a ``whole`` job, or, for a chunk of one large document
    (see chunk_bounds), as its sections, which the workers read side by side like any other
    job. Those are merged here in order into the document's table, as
    :func:`_read_by_sections` merges them, and ``sectioned`` makes the chunk's result of
    that. One large file among small ones, or several, keep both cores busy. ``on_section``
    is told the share of such a document merged; ``new_table`` makes its table, when it is
    not ``settings.table()``."""
    from collections import deque

    plans: deque[tuple[Document, int] | None] = deque()  # per chunk, as its jobs are made

    def jobs() -> Iterator[tuple[Callable[[Any], Any], Any]]:
        for paths in chunks:
            document = _large_document(paths, settings)
            if document is None:  # read whole by one worker
                plans.append(None)
                yield whole, (paths, settings)
                continue
            parts = sections(document)
            plans.append((_metadata(document), len(parts)))
            del document  # its text: each worker reads its own
            for lines in parts:
                yield _section_job, (paths[0], lines, settings)

    results = run(_run_job, jobs())
    for result in results:  # a chunk's first result comes after its jobs, and its plan
        plan = plans.popleft()
        if plan is None:
            yield result
            continue
        document, count = plan
        states = itertools.chain([result], itertools.islice(results, count - 1))
        merged = None if on_section is None else functools.partial(_share_merged, on_section, count)
        table = None if new_table is None else new_table()
        yield sectioned(document, merged_sections(states, settings, merged, table))


def _spilling_table(cap: int | None, settings: MapSettings) -> CandidateTable:
    """A table that keeps ``cap`` sentences per term, as a corpus table that spills does,
    and spills the rest into a spill of its own, which follows it when it is merged (see
    :meth:`CandidateTable.merge_table`)."""
    return CandidateTable(cap, settings.all_contexts_of, ContextSpill())


def _share_merged(on_section: Callable[[float], None], sections: int, done: int) -> None:
    on_section(done / sections)


def _large_document(paths: Sequence[str], settings: MapSettings) -> Document | None:
    """The document of a chunk of one file, when it is a large one; None for any other
    chunk, and for a file that cannot be read (its chunk's worker tells why)."""
    if len(paths) != 1 or not _may_be_large(paths[0]):
        return None
    try:
        document = read_document(paths[0], settings.encoding)
    except CorpusError:
        return None
    return document if len(document.text) > LARGE_DOCUMENT_CHARS else None


def _by_sections(files: Sequence[str], workers: int) -> bool:
    """Whether ``files`` are one file too large to share (see _shareable) and there are
    workers to read its sections, if it holds a large document (see _read_by_sections)."""
    return workers > 1 and len(files) == 1 and not _shareable(files)


def _shareable(files: Sequence[str]) -> bool:
    """Whether :func:`_shared_chunks` may read ``files``: SHARED_MAX_BYTES at most."""
    return sum(map(_size, files)) <= SHARED_MAX_BYTES


class Split(NamedTuple):
    """Where :func:`_shared_chunks` cuts a corpus in two: this process reads the documents
    before ``document`` and, when ``part`` is that document (read here), its lines before
    ``line``; the worker reads the rest."""

    document: int
    part: Document | None = None
    line: int = 1

    def cuts(self, start: int, end: int) -> bool:
        """Whether the chunk of documents ``start`` to ``end`` - 1 is read partly here,
        partly by the worker."""
        return start < self.document < end or (self.part is not None and start == self.document)


def _worker_split(paths: Sequence[str], settings: MapSettings) -> Split:
    r"""Where the text of ``paths`` is cut between this process (MAIN_SHARE of its bytes) and
    a worker: in the document holding that byte, at the first line that starts past it
    (at that document's start or end when it has no such line, or cannot be read here).

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> paths = [str(folder / f"{n}.txt") for n in range(5)]
    >>> for path, lines in zip(paths, (10, 20, 10, 11, 9)):  # 10 bytes a line
    ...     _ = Path(path).write_text("一行。\n" * lines, encoding="utf-8")
    >>> split = _worker_split(paths[:3], MapSettings(None, None, ()))  # 55 % of 400 bytes
    >>> split.document, split.part.source == paths[1], split.line
    (1, True, 13)
    >>> _worker_split(paths[3:], MapSettings(None, None, ()))[::2]  # at a document's end
    (1, 1)
    """
    sizes = [_size(path) for path in paths]
    cut = sum(sizes) * MAIN_SHARE
    index, before = 0, 0
    while index < len(sizes) and before + sizes[index] <= cut:
        before += sizes[index]
        index += 1
    if index == len(sizes):  # no text at all
        return Split(len(paths))
    size = sizes[index]
    try:
        document = read_document(paths[index], settings.encoding)
    except CorpusError:  # reported by whoever reads it
        return Split(index)
    text = document.text
    offset = int(len(text) * (cut - before) / size)
    newline = text.find("\n", max(offset - 1, 0))
    if offset == 0 or newline < 0 or newline == len(text) - 1:
        return Split(index if offset * 2 < len(text) else index + 1)
    return Split(index, document, text.count("\n", 0, newline) + 2)


def _size(path: str) -> int:
    try:
        return Path(path).stat().st_size
    except OSError:
        return 0  # reported when it is read


def _metadata(document: Document) -> Document:
    """The document without its text: what the result keeps of it."""
    return Document(document.source, "", document.encoding, document.title, document.date)


def _pool_map(job: Callable[[Any], Any], jobs: Iterable[Any], workers: int) -> Iterator[Any]:
    """``job`` over ``jobs`` in ``workers`` forked processes, results in order.

    At most JOBS_AHEAD jobs more than there are workers are out at a time. Results wait
    for the caller, and a chunk's table can be large, so a caller slower than the workers
    must not let them pile up (Pool.imap would hand out every job at once); but with only
    one job ahead, a long chunk at the head of the queue leaves the other workers idle
    until it is done (about 7 % of the run time on the 50 MB benchmark cut).
    """
    import multiprocessing
    from collections import deque

    context = multiprocessing.get_context("fork")
    size = min(workers, len(jobs)) if isinstance(jobs, list) else workers
    with context.Pool(size) as pool:
        waiting = iter(jobs)
        out: deque[Any] = deque(
            pool.apply_async(job, (item,)) for item in itertools.islice(waiting, size + JOBS_AHEAD)
        )
        while out:
            result = out.popleft().get()
            for item in itertools.islice(waiting, 1):
                out.append(pool.apply_async(job, (item,)))
            yield result


def _cached_chunks(
    files: Sequence[str],
    bounds: list[tuple[int, int]],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Analyse,
    *,
    keys: Sequence[str | None],
    load: Load | None = None,
) -> Iterator[ChunkResult]:
    """Chunks from the cache; a chunk not there is made from its documents' cached tables,
    and only documents not cached either are read (in workers when there are several). A
    chunk with no document cached is made whole where its documents are read."""
    assert options.cache is not None
    with ResultCache(options.cache) as cache:
        chunk_keys = [cache.chunk_key(keys[start:end]) for start, end in bounds]
        stored = [cache.has("chunks", chunk_key) for chunk_key in chunk_keys]
        missing = [
            [i for i in range(start, end) if not cache.has("documents", keys[i])]
            for start, end in bounds
        ]
        # A chunk none of whose documents is cached (a cold run) is made whole in a worker;
        # otherwise only its new documents are read there, and the chunk is put together here.
        whole = {
            n
            for n, (start, end) in enumerate(bounds)
            if len(missing[n]) == end - start and not stored[n]
        }
        made = iter(
            _made_chunks(
                [files[slice(*bounds[n])] for n in sorted(whole)],
                settings,
                options,
                analyse,
                load,
            )
        )
        to_compute = [
            i for n in range(len(bounds)) if n not in whole and not stored[n] for i in missing[n]
        ]
        computed = iter(
            _document_results([files[i] for i in to_compute], settings, options, analyse, load)
        )
        reading = set(to_compute)
        for n, ((start, end), chunk_key) in enumerate(zip(bounds, chunk_keys, strict=True)):
            if n in whole:
                whole_chunk = next(made)
                for index, packed in zip(range(start, end), whole_chunk.documents, strict=True):
                    key = keys[index]
                    if packed is not None and key is not None:
                        cache.put_packed("documents", key, files[index], packed)
                if chunk_key is not None:
                    cache.put_packed("chunks", chunk_key, files[start], whole_chunk.packed)
                yield whole_chunk.result()
                continue
            cached = cache.get("chunks", chunk_key)
            if isinstance(cached, ChunkResult):
                yield cached
                continue
            table = settings.table()
            outcomes: list[Document | Skipped] = []
            for index in range(start, end):
                key = keys[index]
                result: DocumentResult | Skipped
                if index in reading:
                    result = next(computed)
                    if isinstance(result, DocumentResult) and key:
                        cache.put("documents", key, files[index], result)
                else:  # cached; an entry that cannot be read is made again here
                    kept = cache.get("documents", key)
                    result = (
                        kept
                        if isinstance(kept, DocumentResult)
                        else analyse_file(files[index], settings, analyse)
                    )
                _merge_documents(table, [result], outcomes)
            prune_chunk(table, finished=True)
            chunk = ChunkResult(tuple(outcomes), table.to_state())
            if chunk_key is not None:
                cache.put("chunks", chunk_key, files[start], chunk)
            yield chunk


@dataclass(frozen=True, slots=True)
class MadeChunk:
    """A chunk made whole from its files, with what the cache keeps of it, packed where it
    was made: the chunk itself, and each document's own table (None for a skipped file).
    ``chunk`` is None once it has crossed to another process, where ``packed`` holds it:
    sending it as well would pickle its table twice (about 4 % of a cached cold run)."""

    chunk: ChunkResult | None
    packed: bytes
    documents: tuple[bytes | None, ...]

    def result(self) -> ChunkResult:
        """The chunk itself, unpacked when it was sent."""
        if self.chunk is not None:
            return self.chunk
        chunk = unpack(self.packed)
        assert isinstance(chunk, ChunkResult)
        return chunk

    def sent(self) -> MadeChunk:
        """What a worker sends back: the chunk in its packed form only."""
        return MadeChunk(None, self.packed, self.documents)


def make_chunk(
    paths: Sequence[str],
    settings: MapSettings,
    analyse: Analyse,
    results: Iterable[DocumentResult | Skipped] | None = None,
) -> MadeChunk:
    """Analyse each file into its own table and merge those into the chunk's, as
    :func:`_cached_chunks` does with cached tables, so the output is the same; with
    ``results``, the files' tables made already (by :func:`_document_results`)."""
    table = settings.table()
    outcomes: list[Document | Skipped] = []
    documents: list[bytes | None] = []
    if results is None:
        results = (analyse_file(path, settings, analyse) for path in paths)
    for result in results:
        # packed before the merge takes its containers over
        documents.append(pack(result) if isinstance(result, DocumentResult) else None)
        _merge_documents(table, [result], outcomes)
    prune_chunk(table, finished=True)
    chunk = ChunkResult(tuple(outcomes), table.to_state())
    return MadeChunk(chunk, pack(chunk), tuple(documents))


def _made_chunks(
    chunks: list[Sequence[str]],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Analyse,
    load: Load | None = None,
) -> Iterator[MadeChunk]:
    """:func:`make_chunk` for each chunk, in order: here, in worker processes or on the
    cluster."""
    if not chunks:
        return
    jobs = [(list(paths), settings) for paths in chunks]
    workers = _workers(options.workers, [path for paths in chunks for path in paths])
    made = functools.partial(_made_of_sections, settings, analyse)
    if options.scheduler:
        on_cluster = functools.partial(_dask_map, options=options)
        yield from _pooled_chunks([p for p, _ in jobs], settings, on_cluster, _made_chunk_job, made)
    elif workers > 1 and len(jobs) > 1:
        in_workers = functools.partial(_pool_map, workers=workers)
        pooled = _pooled_chunks([p for p, _ in jobs], settings, in_workers, _made_chunk_job, made)
        yield from _forking(pooled, settings, analyse, load)
    elif _by_sections(chunks[0], workers):  # its sections may go to the workers
        one = list(chunks[0])
        yield make_chunk(
            one, settings, analyse, _document_results(one, settings, options, analyse, load)
        )
    else:
        for paths in chunks:
            yield make_chunk(paths, settings, analyse)


def _made_of_sections(
    settings: MapSettings, analyse: Analyse, document: Document, table: CandidateTable
) -> MadeChunk:
    """The chunk of one large document made from the document's table, its sections
    merged (see :func:`_pooled_chunks`), as :func:`make_chunk` makes it from the file."""
    return make_chunk(
        [document.source], settings, analyse, [DocumentResult(document, table.to_state())]
    )


def _document_results(
    files: list[str],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Analyse,
    load: Load | None = None,
) -> Iterator[DocumentResult | Skipped]:
    """Each file's own table, in order: here, in worker processes or on the cluster."""
    if not files:
        return
    jobs = [(path, settings) for path in files]
    workers = _workers(options.workers, files)
    if not options.scheduler and _by_sections(files, workers):
        read = _read_by_sections(files[0], settings, analyse, workers, load=load)
        if read is None:
            yield analyse_file(files[0], settings, analyse)
        elif isinstance(read, Skipped):
            yield read
        else:
            yield DocumentResult(read[0], read[1].to_state())
        return
    if len(files) == 1:
        workers = 1  # a file: read here
    if options.scheduler:
        yield from _dask_map(_document_job, jobs, options)
    elif workers > 1:
        yield from _forking(_pool_map(_document_job, jobs, workers), settings, analyse, load)
    else:
        for path in files:
            yield analyse_file(path, settings, analyse)


def _workers(requested: int, files: Sequence[str]) -> int:
    """Worker processes for ``files``: as requested (no more than the files, but one file
    can be read in two parts: see :func:`_shared_chunks`), or one per core, up to two, for
    more than eight files or SHARED_BYTES of text."""
    if requested:
        return min(requested, max(len(files), 2))
    import os

    cores = min(2, os.cpu_count() or 1)
    if len(files) > 8:
        return cores
    return cores if sum(map(_size, files)) >= SHARED_BYTES else 1


def analyse_file(path: str, settings: MapSettings, analyse: Analyse) -> DocumentResult | Skipped:
    """Read one file and run every extractor over it; an unusable file becomes Skipped."""
    try:
        document = read_document(path, settings.encoding)
    except CorpusError as error:
        return Skipped(path, error.reason)
    table = document_table(document, settings, analyse)
    return DocumentResult(_metadata(document), table.to_state())


def document_table(
    document: Document,
    settings: MapSettings,
    analyse: Analyse,
    on_part: Callable[[float], None] | None = None,
    into: CandidateTable | None = None,
) -> CandidateTable:
    """A document's own table; a large one's read section by section (see
    LARGE_DOCUMENT_CHARS), so that its memory is bounded as a chunk's is, and ``on_part``
    told of each part read. With ``into``, an empty table, a large document's sections are
    merged into that one."""
    if len(document.text) <= LARGE_DOCUMENT_CHARS:
        table = settings.table()
        analyse(table, document)
        return table
    reader = SentenceReader(document)  # the sections', in turn
    parts = (
        section_table(document, lines, settings, analyse, on_part=on_part, reader=reader)
        for lines in sections(document)
    )
    return merged_sections(parts, settings, into=into)


def merged_sections(
    parts: Iterable[CandidateTable | tuple[Any, ...]],
    settings: MapSettings,
    on_section: Callable[[int], None] | None = None,
    into: CandidateTable | None = None,
) -> CandidateTable:
    """A large document's table: its sections' (tables, or their plain state), merged in
    order (into ``into``, an empty table, when it is given) and pruned as it grows;
    ``on_section`` is told how many are in."""
    table = settings.table() if into is None else into
    for done, part in enumerate(parts, start=1):
        if isinstance(part, CandidateTable):
            table.merge_table(part)
        else:
            table.merge_state(part)
        prune_chunk(table, finished=False)
        if on_section is not None:
            on_section(done)
    return table


def sections(document: Document, size: int | None = None) -> list[Lines]:
    r"""The lines of each section of a large document: a section ends at the first line end
    ``size`` (SECTION_CHARS) characters or more after it starts.

    >>> sections(Document("a.txt", "a\nbb\nc\nd", "utf-8"), size=3)
    [(1, 3), (3, None)]
    >>> sections(Document("a.txt", "abcdef\n", "utf-8"), size=3)
    [(1, None)]
    """
    size = SECTION_CHARS if size is None else size
    text = document.text
    starts = [1]
    line, position = 1, 0
    while True:
        end = text.find("\n", position + size)
        if end < 0 or end + 1 >= len(text):
            break
        line += text.count("\n", position, end + 1)
        starts.append(line)
        position = end + 1
    return [*itertools.pairwise(starts), (starts[-1], None)]


def section_table(
    document: Document,
    lines: Lines,
    settings: MapSettings,
    analyse: Analyse,
    *,
    on_part: Callable[[float], None] | None = None,
    reader: SentenceReader | None = None,
) -> CandidateTable:
    """One section of a large document read into a table of its own, pruned as it grows
    and, like a chunk's, once it is read; ``reader`` is the document's, when it has
    handed out the sections before (see :func:`glossary.pipeline.add_document`)."""
    table = settings.table()

    def part_read(share: float) -> None:
        prune_chunk(table, finished=False)
        if on_part is not None:
            on_part(share)

    analyse(table, document, lines, on_part=part_read, reader=reader)
    prune_chunk(table, finished=True)
    return table


# Each worker process analyses with its own segmenter, built once on first use there, or
# inherited from the process that forked it (see _forking).
_worker_state: dict[str, Any] = {}


def _forking(
    results: Iterator[Result], settings: MapSettings, analyse: Analyse, load: Load | None
) -> Iterator[Result]:
    """``results``, from workers forked when it is first advanced. With ``load``, what
    ``analyse`` needs is loaded here first and ``analyse`` becomes the workers' own: they
    inherit it, copy-on-write, instead of each loading its own (rjieba, jieba's counts,
    CC-CEDICT, OpenCC's tables: about 0.2 s a process), and this process needs the same
    for scoring anyway (the 10 MB benchmark cut runs about 2 % faster: the main process
    no longer loads them after the last chunk; the 1 MB cut, no faster)."""
    if load is not None:
        load()
        _worker_state.update(key=settings.fingerprint(), analyse=analyse)
    try:
        yield from results
    finally:  # the workers are gone: nothing here holds on to the analyser
        _worker_state.clear()


def _worker_analyse(settings: MapSettings) -> Analyse:
    """This worker's analyser for ``settings``, built on first use."""
    from glossary.pipeline import Analyser, make_segmenter

    key = settings.fingerprint()
    if _worker_state.get("key") != key:
        analyser = Analyser(make_segmenter(settings.known_terms), settings)
        _worker_state.update(key=key, analyse=analyser.add)
    analyse: Analyse = _worker_state["analyse"]
    return analyse


def _section_job(job: tuple[str, Lines, MapSettings]) -> tuple[Any, ...]:
    """A worker's part of :func:`_sectioned`: one section's table, as plain state. The
    document is the one the worker inherited, or read once, and kept with a reader for the
    worker's next section: a worker is handed sections in order, so it splits the document
    once. The reader is the thread's own: a Dask worker may read sections side by side."""
    import threading

    path, lines, settings = job
    kept = _worker_state.get("document")
    if kept is None or kept[0] != path:
        kept = _worker_state["document"] = (path, read_document(path, settings.encoding))
    document = kept[1]
    readers: dict[int, SentenceReader] = _worker_state.setdefault("readers", {})
    reader = readers.get(threading.get_ident())
    if reader is None or not reader.can_start(document, lines[0]):
        reader = readers[threading.get_ident()] = SentenceReader(document)
    with paused_gc():
        table = section_table(document, lines, settings, _worker_analyse(settings), reader=reader)
        return table.to_state()


def _document_job(job: tuple[str, MapSettings]) -> DocumentResult | Skipped:
    path, settings = job
    with paused_gc():
        return analyse_file(path, settings, _worker_analyse(settings))


def _made_chunk_job(job: tuple[list[str], MapSettings]) -> MadeChunk:
    paths, settings = job
    with paused_gc():
        return make_chunk(paths, settings, _worker_analyse(settings)).sent()


def _run_job(job: tuple[Callable[[Any], Any], Any]) -> Any:
    """A job of :func:`_pooled_chunks`: a chunk's or a section's, with its function."""
    function, argument = job
    if function is not _section_job:  # a large document's sections are all handed out
        _worker_state.pop("document", None)
        _worker_state.pop("readers", None)
    return function(argument)


def _chunk_job(job: tuple[list[str], MapSettings]) -> ChunkResult:
    paths, settings = job
    with paused_gc():
        return _analyse_chunk(paths, settings, _worker_analyse(settings))


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector. Extraction makes millions of small dicts and
    tuples that form no reference cycles, and every full collection walks all of them: a
    quarter of the run time on a 10 MB corpus. Reference counting still frees them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _dask_map(
    job: Callable[[Any], Any], jobs: Iterable[Any], options: EngineOptions
) -> Iterator[Any]:
    """``job`` over ``jobs`` on the Dask cluster at ``options.scheduler``, in order."""
    try:
        from distributed import Client
    except ImportError as error:
        raise GlossaryError(
            "the dask engine needs the optional extra: pip install 'glossary[dask]'"
        ) from error
    try:
        client = Client(options.scheduler, timeout=f"{options.connect_timeout}s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise GlossaryError(
            f"cannot reach the Dask scheduler at {options.scheduler} ({error})"
        ) from error
    with client:
        for future in client.map(job, list(jobs), pure=False):
            yield future.result()


def stored_result(options: EngineOptions, key: str | None) -> object:
    """What :func:`store_result` kept under ``key`` in the cache, or None."""
    if not options.cache or key is None:
        return None
    with ResultCache(options.cache) as cache:
        return cache.get("results", key)


def store_result(options: EngineOptions, key: str | None, result: object) -> None:
    """Keep a run's final result in the cache (only the last one is kept)."""
    if options.cache and key is not None:
        with ResultCache(options.cache) as cache:
            cache.keep_only_result(key, result)


def document_keys(
    files: Sequence[str], settings: MapSettings, options: EngineOptions
) -> list[str | None] | None:
    """Each file's cache key (see :func:`glossary.cache.document_key`); None without a
    cache. Computed once per run: it reads every file."""
    return _keys(files, settings) if options.cache else None


def _keys(files: Sequence[str], settings: MapSettings) -> list[str | None]:
    fingerprint = settings.fingerprint()
    return [document_key(path, fingerprint) for path in files]


def result_key(keys: Sequence[str | None] | None, *also: object) -> str | None:
    """The key of a whole run over documents with these ``keys`` and ``also`` (what turns
    tables into the result); None without a cache or when a file cannot be read."""
    return run_key(keys, *also) if keys is not None else None
