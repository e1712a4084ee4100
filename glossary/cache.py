"""The extraction cache: pickled results in one SQLite file, keyed by content.

It holds three kinds of result: one document's candidate table (``documents``), one
chunk's pruned table (``chunks``) and the last run's whole result (``results``). Keys hash
what a result depends on — the settings' fingerprint, file paths and bytes — so a stale
entry is never found, only left behind. The engine decides what to keep; this module only
stores and finds it.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Literal

from glossary.errors import CacheError

Kind = Literal["documents", "chunks", "results"]
_KINDS: tuple[Kind, ...] = ("documents", "chunks", "results")


class ResultCache:
    """One SQLite file of pickled results; use as a context manager."""

    def __init__(self, path: str) -> None:
        import sqlite3  # here, not in every run: most runs keep no cache

        self.path = path
        where = Path(path)
        if where.is_dir():
            raise CacheError(
                path, f"is a folder; give --cache a file, such as {where / 'cache.sqlite'}"
            )
        if where.parent.exists() and not where.parent.is_dir():
            raise CacheError(
                path, f"{where.parent} is a file, not a folder; give --cache a new file"
            )
        with self._reported("cannot be opened as the cache"):
            where.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path)
            with self.connection:
                for kind in _KINDS:
                    self.connection.execute(
                        f"CREATE TABLE IF NOT EXISTS {kind} (key TEXT PRIMARY KEY, "
                        "source TEXT NOT NULL, result BLOB NOT NULL)"
                    )

    @contextmanager
    def _reported(self, doing: str) -> Iterator[None]:
        """SQLite's and the file system's errors as a CacheError that says what to do.
        SQLite changes nothing in a file that is not a database."""
        import sqlite3

        try:
            yield
        except sqlite3.DatabaseError as error:
            if "not a database" in str(error):
                reason = "is not a cache (not an SQLite file); it was left as it was;"
            elif "malformed" in str(error):  # only what a run makes again is lost
                reason = f"is damaged ({error}); delete it, or"
            else:
                reason = f"{doing} ({error});"
            raise CacheError(self.path, f"{reason} give --cache a new file") from error
        except OSError as error:
            reason = f"{doing} ({error.strerror or error});"
            raise CacheError(self.path, f"{reason} give --cache a new file") from error

    def __enter__(self) -> ResultCache:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.connection.close()

    @staticmethod
    def chunk_key(document_keys: Sequence[str | None]) -> str | None:
        """The key of consecutive documents (None when one of them has no key)."""
        if any(key is None for key in document_keys):
            return None
        return hashlib.sha256("\n".join(map(str, document_keys)).encode()).hexdigest()

    def has(self, kind: Kind, key: str | None) -> bool:
        if key is None:
            return False
        with self._reported("cannot be read"):
            row = self.connection.execute(f"SELECT 1 FROM {kind} WHERE key = ?", (key,))
            return row.fetchone() is not None

    def get(self, kind: Kind, key: str | None) -> object:
        """The result stored under ``key``; None when there is none or it cannot be read
        (an older version's), so that it is made again."""
        if key is None:
            return None
        with self._reported("cannot be read"):
            query = f"SELECT result FROM {kind} WHERE key = ?"
            row = self.connection.execute(query, (key,)).fetchone()
        if row is None:
            return None
        import zstandard

        try:
            return unpack(row[0])  # written by this class only
        except (
            zstandard.ZstdError,
            pickle.UnpicklingError,
            ValueError,
            TypeError,
            EOFError,
            AttributeError,
        ):
            return None

    def put(self, kind: Kind, key: str, source: str, result: object) -> None:
        self.put_packed(kind, key, source, pack(result))

    def put_packed(self, kind: Kind, key: str, source: str, packed: bytes) -> None:
        """Store a result :func:`pack` made already (in a worker process, say)."""
        with self._reported("cannot be written (is the disk full?)"), self.connection:
            self.connection.execute(
                f"INSERT OR REPLACE INTO {kind} VALUES (?, ?, ?)", (key, source, packed)
            )

    def keep_only_result(self, key: str, result: object) -> None:
        """Store a run's result in place of any earlier one."""
        with self._reported("cannot be written (is the disk full?)"), self.connection:
            self.connection.execute("DELETE FROM results")
        self.put("results", key, "", result)


def pack(result: object) -> bytes:
    """A result as the cache stores it, pickled and compressed: candidate tables shrink
    about 2.5-fold. Zstandard at level 1 takes a quarter of the time zlib's fastest level
    took for the same size (14 against 53 ms for a 1 MB corpus's table), and reads back in
    a quarter too (a cached cold run packs every document's and chunk's table)."""
    import zstandard

    return zstandard.compress(pickle.dumps(result, protocol=5), 1)


def unpack(packed: bytes) -> object:
    """What :func:`pack` packed."""
    import zstandard

    return pickle.loads(zstandard.decompress(packed))


def document_key(path: str, fingerprint: str) -> str | None:
    """The key of a file as it is now: the fingerprint, its path and its bytes (None when
    it cannot be read)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    digest = hashlib.sha256(fingerprint.encode())
    digest.update(path.encode())
    digest.update(data)
    return digest.hexdigest()


def run_key(document_keys: Sequence[str | None], *also: object) -> str | None:
    """The key of a whole run: its documents' keys, in order, and ``also`` (None when a
    document has no key)."""
    if any(key is None for key in document_keys):
        return None
    digest = hashlib.sha256(repr(also).encode())
    digest.update("\n".join(map(str, document_keys)).encode())
    return digest.hexdigest()
