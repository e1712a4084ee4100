"""Sentences past the first few of each term, kept on disk rather than in memory.

``glossary extract`` writes every sentence each term was used in. Held in memory, they grow
with the corpus (on 50 MB of text, more than half of the peak): the corpus table keeps the
first :data:`glossary.limits.CONTEXTS_PER_ENTRY` of each term, what scoring reads, and hands
the rest to a :class:`ContextSpill`, a temporary SQLite file read back one entry at a time
as the output is written.
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from glossary.candidates import ContextRow
from glossary.errors import GlossaryError
from glossary.models import Context, Entry

if TYPE_CHECKING:  # imported when a run first spills: most never do
    import sqlite3

# Bytes of batches held in memory before they are written: each holds its sentences' text.
_PENDING_BYTES = 4_000_000


class ContextSpill:
    """Each key's sentences past those the table keeps, in the order they were handed over.

    They wait in memory up to _PENDING_BYTES, then go to a file private to this object:
    SQLite makes it in the temporary directory, unlinked at once, and it is gone when the
    connection closes or the process ends. A small spill never touches the disk.
    """

    def __init__(self) -> None:
        self.keys: set[str] = set()  # the keys with spilled sentences
        self.size = 0  # bytes handed over (what was dropped since included)
        # Batches not yet written, per key, in order; each is newer than the key's on disk.
        self._pending: dict[str, list[bytes]] = {}
        self._pending_bytes = 0
        self._connection: sqlite3.Connection | None = None

    def add(self, key: str, rows: Sequence[ContextRow]) -> None:
        """Keep ``rows`` after the sentences already spilled for ``key``."""
        if not rows:
            return
        # One blob per key and merge, not a row per sentence: millions of rows cost
        # seconds to insert, a chunk's batches a few milliseconds.
        self._append(key, marshal.dumps(list(rows)))

    def _append(self, key: str, batch: bytes) -> None:
        self.keys.add(key)
        self._pending.setdefault(key, []).append(batch)
        self._pending_bytes += len(batch)
        self.size += len(batch)
        if self._pending_bytes >= _PENDING_BYTES:
            self._flush()

    def drop(self, keys: Iterable[str]) -> None:
        """Forget what was spilled for ``keys`` (candidates the table pruned)."""
        gone = [key for key in keys if key in self.keys]
        self.keys.difference_update(gone)
        for key in gone:
            self._pending_bytes -= sum(map(len, self._pending.pop(key, ())))
        if gone and self._connection is not None:
            self._write("DELETE FROM spilled WHERE key = ?", [(key,) for key in gone])

    def take(self, other: ContextSpill) -> None:
        """Keep ``other``'s sentences after those already spilled, key by key, and close
        ``other`` (the spill of a table merged into this one's). Its batches are moved as
        they are, each key's in order: those on disk, then those still in memory."""
        if other._connection is not None:
            query = "SELECT key, batch FROM spilled ORDER BY key, id"
            with _reported():
                for key, batch in other._connection.execute(query):
                    self._append(key, batch)
        for key, batches in other._pending.items():
            for batch in batches:
                self._append(key, batch)
        other.close()

    def rows(self, key: str) -> list[ContextRow]:
        """Every sentence spilled for ``key``, in the order it was handed over."""
        if key not in self.keys:
            return []
        rows: list[ContextRow] = []
        if self._connection is not None:
            query = "SELECT batch FROM spilled WHERE key = ? ORDER BY id"
            with _reported():
                for (batch,) in self._connection.execute(query, (key,)):
                    rows += marshal.loads(batch)
        for batch in self._pending.get(key, ()):
            rows += marshal.loads(batch)
        return rows

    def every_context(self, entry: Entry) -> tuple[Context, ...]:
        """``entry``'s sentences with those spilled, in the order a run that kept them all
        in memory gives: each key's kept ones, then its spilled ones; when the entry joins
        two keys (a stated pair), each sentence once."""
        if not entry.spilled_from:
            return entry.contexts
        rows: list[ContextRow] = []
        start = 0
        for key, kept in entry.spilled_from:
            rows += entry.contexts[start : start + kept]
            rows += self.rows(key)
            start += kept
        if len(entry.spilled_from) > 1:  # a pair's sentence holds both sides: keep the first
            seen: set[tuple[str, int, str]] = set()
            unique = []
            for row in rows:
                sentence = (row[0], row[1], row[2])
                if sentence not in seen:
                    seen.add(sentence)
                    unique.append(row)
            rows = unique
        return tuple(tuple.__new__(Context, row) for row in rows)

    @property
    def on_disk(self) -> bool:
        """Whether anything was written to the file (a small spill stays in memory)."""
        return self._connection is not None

    def close(self) -> None:
        """Delete the file and forget every sentence spilled."""
        if self._connection is not None:
            self._connection.close()
            self._connection = None
        self._pending.clear()
        self._pending_bytes = 0
        self.keys.clear()

    def _flush(self) -> None:
        batches = [(key, batch) for key, kept in self._pending.items() for batch in kept]
        self._write("INSERT INTO spilled (key, batch) VALUES (?, ?)", batches)
        self._pending = {}
        self._pending_bytes = 0

    def _write(self, statement: str, rows: list[tuple[str, bytes]] | list[tuple[str]]) -> None:
        with _reported():
            connection = self._open()
            connection.execute("BEGIN")  # one transaction, not one per row
            connection.executemany(statement, rows)
            connection.execute("COMMIT")

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            import sqlite3

            # "" is SQLite's private temporary database: on disk, deleted on close.
            connection = sqlite3.connect("", isolation_level=None)
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute(
                "CREATE TABLE spilled (id INTEGER PRIMARY KEY, key TEXT NOT NULL, batch BLOB)"
            )
            connection.execute("CREATE INDEX spilled_key ON spilled (key)")
            self._connection = connection
        return self._connection


@contextmanager
def _reported() -> Iterator[None]:
    """SQLite's errors (a full disk, mostly) as one that says what to do."""
    import sqlite3

    try:
        yield
    except sqlite3.Error as error:
        raise GlossaryError(
            "cannot keep the sentences past the first of each term in a temporary file "
            f"({error}); free some space in the temporary folder, set TMPDIR to one with "
            "room, or pass --max-contexts N to write at most N sentences per entry"
        ) from error
