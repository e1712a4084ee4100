"""Look a term up in a built glossary: by Chinese (Simplified or Traditional), English,
an alias or abbreviation, pinyin with or without tones, or a prefix of any of these.

This module imports only the standard library (and OpenCC on a miss, to try a
Traditional query the index does not hold), so a look-up is a fast whole process.
"""

from __future__ import annotations

import difflib
import json
import re
import sqlite3
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from glossary.errors import GlossaryError
from glossary.pinyin import pinyin_key

_FOLD_OUT = re.compile(r"[\s\-_·•‧・'’.]+")
_PINYIN_QUERY = re.compile(r"[a-zA-Z0-9\s'ü:\u00c0-\u024f\u0300-\u036f]+")


def lookup_key(text: str) -> str:
    """The form every key is indexed and queried under: width, case, spaces, hyphens and
    dots folded away.

    >>> lookup_key("Post Training"), lookup_key("ＰＯＳＴ－ＴＲＡＩＮＩＮＧ")
    ('posttraining', 'posttraining')
    """
    return _FOLD_OUT.sub("", unicodedata.normalize("NFKC", text).casefold())


@dataclass(frozen=True, slots=True)
class LookupResult:
    """Entries found (best first), how they were found, and suggestions when none was."""

    query: str
    entries: tuple[dict[str, Any], ...]
    match: str  # "exact", "prefix" or "none"
    suggestions: tuple[dict[str, Any], ...] = field(default=())


class GlossaryNotFound(GlossaryError):
    pass


def open_glossary(path: str) -> sqlite3.Connection:
    if not Path(path).is_file():
        raise GlossaryNotFound(f"{path}: no glossary here; run `glossary build` first")
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        connection.execute("SELECT 1 FROM keys LIMIT 1")
    except sqlite3.DatabaseError as error:
        raise GlossaryError(
            f"{path}: not a glossary database ({error}); rebuild it with `glossary build`"
        ) from error
    connection.row_factory = sqlite3.Row
    return connection


def lookup(path: str, query: str, limit: int = 5) -> LookupResult:
    """Find ``query`` in the glossary at ``path``."""
    with open_glossary(path) as connection:
        keys = query_keys(query)
        ids = _exact(connection, keys)
        if not ids and not query.isascii():
            ids = _exact(connection, query_keys(_to_simplified(query)))
        if ids:
            return LookupResult(query, _entries(connection, ids[:limit]), "exact")
        ids = _prefix(connection, keys, limit)
        if ids:
            return LookupResult(query, _entries(connection, ids), "prefix")
        suggestions = _closest(connection, keys, limit)
        return LookupResult(query, (), "none", _entries(connection, suggestions))


def query_keys(query: str) -> list[str]:
    """The keys a query is tried under: its folded form, and its pinyin form when it
    could be pinyin (``zhi4 neng2 ti3``, ``zhìnéngtǐ``, ``shu tui fen li``)."""
    keys = [lookup_key(query)]
    if _PINYIN_QUERY.fullmatch(query.strip()) and any(c.isalpha() for c in query):
        keys.append("py:" + pinyin_key(query))
    return [k for k in dict.fromkeys(keys) if k and k != "py:"]


def _to_simplified(text: str) -> str:
    from glossary.text import to_simplified

    return to_simplified(text)


def _exact(connection: sqlite3.Connection, keys: list[str]) -> list[str]:
    marks = ",".join("?" * len(keys))
    rows = connection.execute(
        f"SELECT DISTINCT k.entry_id FROM keys k JOIN entries e ON e.id = k.entry_id "
        f"WHERE k.key IN ({marks}) ORDER BY e.rank",
        keys,
    )
    return [row[0] for row in rows]


def _prefix(connection: sqlite3.Connection, keys: list[str], limit: int) -> list[str]:
    ids: list[str] = []
    for key in keys:
        if len(key.removeprefix("py:")) < 2:
            continue
        rows = connection.execute(
            "SELECT k.entry_id FROM keys k JOIN entries e ON e.id = k.entry_id "
            "WHERE k.key >= ? AND k.key < ? GROUP BY k.entry_id ORDER BY MIN(e.rank) LIMIT ?",
            (key, key + "\U0010ffff", limit),
        )
        ids.extend(row[0] for row in rows if row[0] not in ids)
    return ids[:limit]


def _closest(connection: sqlite3.Connection, keys: list[str], limit: int) -> list[str]:
    by_key: dict[str, str] = {}
    for row in connection.execute("SELECT key, entry_id FROM keys"):
        by_key.setdefault(row[0], row[1])
    ids: list[str] = []
    for key in keys:
        # Pinyin keys are short strings of few letters: only a close match is a suggestion.
        pinyin = key.startswith("py:")
        pool = [k for k in by_key if k.startswith("py:") == pinyin]
        cutoff = 0.8 if pinyin else 0.6
        for match in difflib.get_close_matches(key, pool, n=limit * 2, cutoff=cutoff):
            if by_key[match] not in ids:
                ids.append(by_key[match])
    return ids[:limit]


def _entries(connection: sqlite3.Connection, ids: list[str]) -> tuple[dict[str, Any], ...]:
    return tuple(_entry(connection, entry_id) for entry_id in ids)


def _entry(connection: sqlite3.Connection, entry_id: str) -> dict[str, Any]:
    row = connection.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
    data = json.loads(row["data"])
    renderings = [
        dict(r)
        for r in connection.execute(
            "SELECT text, lang, status, votes FROM renderings WHERE entry_id = ? ORDER BY position",
            (entry_id,),
        )
    ]
    related = [
        dict(r)
        for r in connection.execute(
            "SELECT e.id, e.zh, e.en FROM related r JOIN entries e ON e.id = r.related_id "
            "WHERE r.entry_id = ? ORDER BY r.position",
            (entry_id,),
        )
    ]
    contexts = [
        dict(r)
        for r in connection.execute(
            "SELECT c.source, c.line, c.sentence, c.start, c.end, d.title, d.date "
            "FROM contexts c LEFT JOIN documents d ON d.source = c.source "
            "WHERE c.entry_id = ? ORDER BY c.position",
            (entry_id,),
        )
    ]
    return {
        "id": row["id"],
        "zh": row["zh"],
        "zh_hant": row["zh_hant"],
        "en": row["en"],
        "pinyin": row["pinyin"],
        "type": row["type"],
        "category": row["category"],
        "curated": bool(row["curated"]),
        "definition": {"zh": row["definition_zh"], "en": row["definition_en"]},
        "note": row["note"],
        "abbr": data["abbr"],
        "aliases": data["aliases"],
        "renderings": renderings,
        "related": related,
        "count": row["count"],
        "doc_count": row["doc_count"],
        "first_seen": row["first_seen"],
        "last_seen": row["last_seen"],
        "contexts": best_contexts(contexts, 2),
    }


def best_contexts(contexts: list[dict[str, Any]], count: int) -> list[dict[str, Any]]:
    """The sentences that show a term best: from different articles, of a readable length.

    >>> picks = best_contexts([{"source": "a", "sentence": "x" * 300}, {"source": "a",
    ...     "sentence": "y" * 40}, {"source": "b", "sentence": "z" * 50}], 2)
    >>> [(p["source"], len(p["sentence"])) for p in picks]
    [('b', 50), ('a', 40)]
    """

    def badness(context: dict[str, Any]) -> float:
        return abs(len(context["sentence"]) - 60) / 60

    chosen: list[dict[str, Any]] = []
    for context in sorted(contexts, key=badness):
        if len(chosen) < count and all(c["source"] != context["source"] for c in chosen):
            chosen.append(context)
    for context in sorted(contexts, key=badness):
        if len(chosen) < count and context not in chosen:
            chosen.append(context)
    return chosen
