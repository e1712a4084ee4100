"""Where the per-document work runs: in this process, in worker processes, or on a Dask
cluster — with a cache of per-document results keyed by content, so a re-run over an
unchanged corpus only merges and one new article costs one article.

Every engine maps each file to a :class:`DocumentResult` (the document's own candidate
table) and hands the results back in corpus order, so the merge — and so the output — is
the same whichever engine ran the map.
"""

from __future__ import annotations

import hashlib
import pickle
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.candidates import CandidateTable
from glossary.corpus import Skipped, read_document
from glossary.errors import CorpusError, GlossaryError
from glossary.models import Document

CACHE_VERSION = "1"  # bump when extraction changes what a document yields


@dataclass(frozen=True, slots=True)
class MapSettings:
    """What the per-document work depends on; part of every cache key."""

    encoding: str | None
    max_contexts: int | None
    known_terms: tuple[str, ...]

    def fingerprint(self) -> str:
        digest = hashlib.sha256(CACHE_VERSION.encode())
        digest.update(repr((self.encoding, self.max_contexts, self.known_terms)).encode())
        return digest.hexdigest()


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
    core, up to two, when there are more than eight files); ``cache`` an SQLite file for
    per-document results; ``scheduler`` the address of a Dask scheduler."""

    workers: int = 1
    cache: str | None = None
    scheduler: str | None = None
    connect_timeout: float = 20.0  # seconds to reach the scheduler


Progress = Callable[[int, int], None]  # (documents done, documents in all)


def run_map(
    files: Sequence[str],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Callable[[Document, MapSettings], CandidateTable],
    progress: Progress | None = None,
) -> Iterator[DocumentResult | Skipped]:
    """Map every file to its result, in the order of ``files``."""
    cache = _Cache(options.cache, settings) if options.cache else None
    keys = [cache.key(path) for path in files] if cache else [None] * len(files)
    hits = [cache is not None and cache.has(key) for key in keys]
    todo = [path for path, hit in zip(files, hits, strict=True) if not hit]
    computed = iter(_compute(todo, settings, options, analyse))
    done = 0
    try:
        for index, path in enumerate(files):
            key = keys[index]
            result: DocumentResult | Skipped | None = None
            if cache is not None and hits[index]:
                # One at a time, so memory stays flat; an unreadable entry is recomputed here.
                result = cache.get(key) or analyse_file(path, settings, analyse)
            else:
                result = next(computed)
                if cache is not None and key and isinstance(result, DocumentResult):
                    cache.put(key, path, result)
            done += 1
            if progress is not None:
                progress(done, len(files))
            yield result
    finally:
        if cache:
            cache.close()


def _compute(
    files: list[str],
    settings: MapSettings,
    options: EngineOptions,
    analyse: Callable[[Document, MapSettings], CandidateTable],
) -> Iterator[DocumentResult | Skipped]:
    if not files:
        return
    if options.scheduler:
        yield from _dask_map(files, settings, options.scheduler, options.connect_timeout)
    elif _workers(options.workers, len(files)) > 1:
        import multiprocessing

        context = multiprocessing.get_context("fork")
        with context.Pool(_workers(options.workers, len(files))) as pool:
            jobs = [(path, settings) for path in files]
            yield from pool.imap(_analyse_job, jobs, chunksize=max(1, len(files) // 64))
    else:
        for path in files:
            yield analyse_file(path, settings, analyse)


def in_process(options: EngineOptions, files: int) -> bool:
    """True when the map would run here, one document after another, with no cache."""
    return not options.scheduler and not options.cache and _workers(options.workers, files) <= 1


def _workers(requested: int, files: int) -> int:
    if requested:
        return min(requested, files)
    import os

    return min(2, os.cpu_count() or 1) if files > 8 else 1


def analyse_file(
    path: str,
    settings: MapSettings,
    analyse: Callable[[Document, MapSettings], CandidateTable],
) -> DocumentResult | Skipped:
    """Read one file and run every extractor over it; an unusable file becomes Skipped."""
    try:
        document = read_document(path, settings.encoding)
    except CorpusError as error:
        return Skipped(path, error.reason)
    table = analyse(document, settings)
    return DocumentResult(
        Document(document.source, "", document.encoding, document.title, document.date),
        table.to_state(),
    )


# Each worker process analyses with its own segmenter, built once on first use there.
_worker_state: dict[str, Any] = {}


def _analyse_job(job: tuple[str, MapSettings]) -> DocumentResult | Skipped:
    from glossary.pipeline import Analyser, make_segmenter

    path, settings = job
    key = settings.fingerprint()
    if _worker_state.get("key") != key:
        analyser = Analyser(make_segmenter(settings.known_terms), settings)
        _worker_state.update(key=key, analyser=analyser)
    return analyse_file(path, settings, _worker_state["analyser"])


def _dask_map(
    files: list[str], settings: MapSettings, scheduler: str, timeout: float
) -> Iterator[DocumentResult | Skipped]:
    try:
        from distributed import Client
    except ImportError as error:
        raise GlossaryError(
            "the dask engine needs the optional extra: pip install 'glossary[dask]'"
        ) from error
    try:
        client = Client(scheduler, timeout=f"{timeout}s")  # type: ignore[no-untyped-call]
    except OSError as error:
        raise GlossaryError(f"cannot reach the Dask scheduler at {scheduler} ({error})") from error
    with client:
        futures = client.map(_analyse_job, [(path, settings) for path in files], pure=False)
        for future in futures:
            yield future.result()


class _Cache:
    """Per-document results in SQLite, keyed by path, content and settings."""

    def __init__(self, path: str, settings: MapSettings) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.connection = sqlite3.connect(path)
        self.connection.execute(
            "CREATE TABLE IF NOT EXISTS documents (key TEXT PRIMARY KEY, source TEXT NOT NULL, "
            "result BLOB NOT NULL)"
        )
        self.fingerprint = settings.fingerprint()

    def key(self, path: str) -> str | None:
        try:
            data = Path(path).read_bytes()
        except OSError:
            return None
        digest = hashlib.sha256(self.fingerprint.encode())
        digest.update(path.encode())
        digest.update(data)
        return digest.hexdigest()

    def has(self, key: str | None) -> bool:
        if key is None:
            return False
        row = self.connection.execute("SELECT 1 FROM documents WHERE key = ?", (key,))
        return row.fetchone() is not None

    def get(self, key: str | None) -> DocumentResult | None:
        if key is None:
            return None
        row = self.connection.execute(
            "SELECT result FROM documents WHERE key = ?", (key,)
        ).fetchone()
        if row is None:
            return None
        try:
            result = pickle.loads(row[0])  # written by this class only
        except (pickle.UnpicklingError, ValueError, TypeError, EOFError):
            return None
        return result if isinstance(result, DocumentResult) else None

    def put(self, key: str, source: str, result: DocumentResult) -> None:
        with self.connection:
            self.connection.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?)",
                (key, source, pickle.dumps(result, protocol=5)),
            )

    def close(self) -> None:
        self.connection.close()
