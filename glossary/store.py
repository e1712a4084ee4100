"""The merged glossary in an embedded SQLite database (default ``build/glossary.sqlite``).

One file holds documents, entries, renderings, related links, context sentences and the
look-up keys (every form of every entry, folded, plus pinyin), so ``glossary lookup`` needs
nothing else. The file is written beside its target and renamed into place in one step.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from glossary.errors import OutputError
from glossary.lookup import lookup_key, open_glossary
from glossary.merge import BuildReport, Glossary
from glossary.models import Context, DocumentInfo, GlossaryEntry, Rendering
from glossary.pinyin import pinyin_key

DEFAULT_PATH = "build/glossary.sqlite"
SCHEMA_VERSION = "1"
_T = TypeVar("_T")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (source TEXT PRIMARY KEY, title TEXT, date TEXT, encoding TEXT);
CREATE TABLE entries (
    id TEXT PRIMARY KEY, rank INTEGER NOT NULL, zh TEXT, zh_hant TEXT, en TEXT,
    pinyin TEXT NOT NULL, type TEXT NOT NULL, category TEXT, definition_zh TEXT,
    definition_en TEXT, note TEXT, curated INTEGER NOT NULL, score REAL NOT NULL,
    count INTEGER NOT NULL, doc_count INTEGER NOT NULL, first_seen TEXT, last_seen TEXT,
    data TEXT NOT NULL
);
CREATE TABLE renderings (
    entry_id TEXT NOT NULL REFERENCES entries(id), position INTEGER NOT NULL,
    text TEXT NOT NULL, lang TEXT NOT NULL, status TEXT NOT NULL, votes INTEGER NOT NULL
);
CREATE TABLE related (
    entry_id TEXT NOT NULL REFERENCES entries(id), position INTEGER NOT NULL,
    related_id TEXT NOT NULL
);
CREATE TABLE contexts (
    entry_id TEXT NOT NULL REFERENCES entries(id), position INTEGER NOT NULL,
    source TEXT NOT NULL, line INTEGER NOT NULL, sentence TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL
);
CREATE TABLE keys (
    key TEXT NOT NULL, entry_id TEXT NOT NULL, kind TEXT NOT NULL,
    PRIMARY KEY (key, entry_id, kind)
) WITHOUT ROWID;
CREATE INDEX renderings_entry ON renderings(entry_id);
CREATE INDEX contexts_entry ON contexts(entry_id);
CREATE INDEX related_entry ON related(entry_id);
CREATE INDEX keys_entry ON keys(entry_id);
"""


def write_glossary(glossary: Glossary, path: str, taiwan: Callable[[str], str]) -> None:
    """Write ``glossary`` to a new SQLite file at ``path``, replacing any old one atomically.

    ``taiwan`` converts Simplified to Taiwan-style Traditional phrases (智能体 → 智慧體),
    indexed beside the character conversion so either form finds the entry.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(
            dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
        )
        os.close(handle)
    except OSError as error:
        raise OutputError(f"{path}: cannot write the glossary ({error.strerror})") from error
    try:
        connection = sqlite3.connect(temporary)
        with connection:
            connection.executescript(SCHEMA)
            _fill(connection, glossary, taiwan)
        connection.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _fill(connection: sqlite3.Connection, glossary: Glossary, taiwan: Callable[[str], str]) -> None:
    connection.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
    connection.executemany(
        "INSERT INTO documents VALUES (?, ?, ?, ?)",
        [(d.source, d.title, d.date, d.encoding) for d in glossary.documents],
    )
    for rank, entry in enumerate(glossary.entries):
        connection.execute(
            "INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                entry.id,
                rank,
                entry.zh,
                entry.zh_hant,
                entry.en,
                entry.pinyin,
                entry.type,
                entry.category,
                entry.definition_zh,
                entry.definition_en,
                entry.note,
                int(entry.curated),
                entry.score,
                entry.count,
                entry.doc_count,
                entry.first_seen,
                entry.last_seen,
                json.dumps(_extra(entry), ensure_ascii=False),
            ),
        )
        connection.executemany(
            "INSERT INTO renderings VALUES (?, ?, ?, ?, ?, ?)",
            [
                (entry.id, i, r.text, r.lang, r.status, r.votes)
                for i, r in enumerate(entry.renderings)
            ],
        )
        connection.executemany(
            "INSERT INTO related VALUES (?, ?, ?)",
            [(entry.id, i, related) for i, related in enumerate(entry.related)],
        )
        connection.executemany(
            "INSERT INTO contexts VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (entry.id, i, c.source, c.line, c.sentence, c.start, c.end)
                for i, c in enumerate(entry.contexts)
            ],
        )
        connection.executemany(
            "INSERT OR IGNORE INTO keys VALUES (?, ?, ?)",
            [(key, entry.id, kind) for key, kind in index_keys(entry, taiwan)],
        )


def _extra(entry: GlossaryEntry) -> dict[str, object]:
    return {
        "abbr": list(entry.abbr),
        "aliases": list(entry.aliases),
        "variants": list(entry.variants),
        "references": list(entry.references),
        "documents": list(entry.documents),
        "signals": list(entry.signals),
    }


def index_keys(entry: GlossaryEntry, taiwan: Callable[[str], str]) -> Iterator[tuple[str, str]]:
    """Every (key, kind) an entry is found under."""
    if entry.zh:
        yield lookup_key(entry.zh), "zh"
        yield lookup_key(taiwan(entry.zh)), "zh_hant"
    if entry.zh_hant:
        yield lookup_key(entry.zh_hant), "zh_hant"
    if entry.en:
        yield lookup_key(entry.en), "en"
    for abbreviation in entry.abbr:
        yield lookup_key(abbreviation), "abbr"
    for alias in entry.aliases:
        yield lookup_key(alias), "alias"
    for rendering in entry.renderings:
        yield lookup_key(rendering.text), "rendering"
    for variant in entry.variants:
        yield lookup_key(variant), "variant"
    if entry.pinyin and entry.zh:
        yield "py:" + pinyin_key(entry.pinyin), "pinyin"


def load_glossary(path: str) -> Glossary:
    """Read the glossary that :func:`write_glossary` wrote back into memory, in rank order.

    The build report is not stored, so it comes back empty.
    """
    with open_glossary(path) as connection:
        documents = tuple(
            DocumentInfo(row["source"], row["title"], row["date"], row["encoding"])
            for row in connection.execute("SELECT * FROM documents ORDER BY rowid")
        )
        renderings = _grouped(
            connection,
            "SELECT entry_id, text, lang, status, votes FROM renderings "
            "ORDER BY entry_id, position",
            lambda row: Rendering(row["text"], row["lang"], row["status"], row["votes"]),
        )
        related = _grouped(
            connection,
            "SELECT entry_id, related_id FROM related ORDER BY entry_id, position",
            lambda row: str(row["related_id"]),
        )
        contexts = _grouped(
            connection,
            'SELECT entry_id, source, line, sentence, start, "end" FROM contexts '
            "ORDER BY entry_id, position",
            lambda row: Context(
                row["source"], row["line"], row["sentence"], row["start"], row["end"]
            ),
        )
        entries = tuple(
            _entry_of(row, renderings, related, contexts)
            for row in connection.execute("SELECT * FROM entries ORDER BY rank")
        )
    return Glossary(entries, documents, BuildReport((), (), ()))


def _grouped(
    connection: sqlite3.Connection, query: str, make: Callable[[sqlite3.Row], _T]
) -> dict[str, list[_T]]:
    grouped: dict[str, list[_T]] = {}
    for row in connection.execute(query):
        grouped.setdefault(row["entry_id"], []).append(make(row))
    return grouped


def _entry_of(
    row: sqlite3.Row,
    renderings: dict[str, list[Rendering]],
    related: dict[str, list[str]],
    contexts: dict[str, list[Context]],
) -> GlossaryEntry:
    data = json.loads(row["data"])
    entry_id = row["id"]
    return GlossaryEntry(
        id=entry_id,
        zh=row["zh"],
        zh_hant=row["zh_hant"],
        en=row["en"],
        pinyin=row["pinyin"],
        type=row["type"],
        category=row["category"],
        definition_zh=row["definition_zh"],
        definition_en=row["definition_en"],
        note=row["note"],
        curated=bool(row["curated"]),
        abbr=tuple(data["abbr"]),
        aliases=tuple(data["aliases"]),
        renderings=tuple(renderings.get(entry_id, ())),
        related=tuple(related.get(entry_id, ())),
        references=tuple(data["references"]),
        score=row["score"],
        count=row["count"],
        doc_count=row["doc_count"],
        documents=tuple(data["documents"]),
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
        variants=tuple(data["variants"]),
        contexts=tuple(contexts.get(entry_id, ())),
        signals=tuple(data["signals"]),
    )
