"""Entries → text: the ``table``, ``jsonl`` and ``tsv`` formats of ``glossary extract``.

Every writer takes an open text stream; :func:`write_atomically` puts a finished file in
place in one step, so a reader never sees half an output and a failed run leaves the old
file as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from pathlib import Path
from typing import TextIO, cast

from glossary.errors import OutputError
from glossary.models import Entry

FORMATS = ("table", "jsonl", "tsv")
TSV_COLUMNS = (
    "term",
    "zh",
    "en",
    "lang",
    "score",
    "count",
    "doc_count",
    "variants",
    "source",
    "line",
    "sentence",
)


# Every field but the bookkeeping of sentences kept on disk, read back before writing.
_ENTRY_FIELDS = tuple(f.name for f in fields(Entry) if f.name != "spilled_from")


def entry_record(entry: Entry, max_contexts: int | None = None) -> dict[str, object]:
    """The JSON object of one entry (the JSONL line), contexts capped at ``max_contexts``."""
    # Field by field, not dataclasses.asdict: that deep-copies every context, which took
    # most of the time of writing a large glossary.
    record: dict[str, object] = {name: getattr(entry, name) for name in _ENTRY_FIELDS}
    record["variants"] = list(entry.variants)
    record["signals"] = list(entry.signals)
    contexts = entry.contexts if max_contexts is None else entry.contexts[:max_contexts]
    record["contexts"] = [
        {"source": c.source, "line": c.line, "sentence": c.sentence, "start": c.start, "end": c.end}
        for c in contexts
    ]
    return record


def write_jsonl(entries: Iterable[Entry], out: TextIO, max_contexts: int | None = None) -> None:
    for entry in entries:
        out.write(json.dumps(entry_record(entry, max_contexts), ensure_ascii=False) + "\n")


def write_tsv(entries: Iterable[Entry], out: TextIO, max_contexts: int | None = None) -> None:
    """One row per entry with its first context; tabs and newlines in fields become spaces."""
    out.write("\t".join(TSV_COLUMNS) + "\n")
    for entry in entries:
        first = entry.contexts[0] if entry.contexts and max_contexts != 0 else None
        row = [
            entry.term,
            entry.zh or "",
            entry.en or "",
            entry.lang,
            f"{entry.score:.4f}",
            str(entry.count),
            str(entry.doc_count),
            " | ".join(entry.variants),
            first.source if first else "",
            str(first.line) if first else "",
            first.sentence if first else "",
        ]
        out.write("\t".join(_tsv_field(v) for v in row) + "\n")


def _tsv_field(value: str) -> str:
    return value.replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_table(entries: Iterable[Entry], out: TextIO, max_contexts: int | None = None) -> None:
    """A table for people: rank, Chinese, English, counts and the first sentence."""
    header = ("#", "中文", "English", "count", "docs", "example")
    rows = [header]
    for rank, entry in enumerate(entries, start=1):
        example = ""
        if entry.contexts and max_contexts != 0:
            c = entry.contexts[0]
            example = f"{_clip(c.sentence, c.start, c.end)}  ({c.source}:{c.line})"
        rows.append(
            (
                str(rank),
                entry.zh or "",
                entry.en or "",
                str(entry.count),
                str(entry.doc_count),
                example,
            )
        )
    widths = [max(display_width(row[i]) for row in rows) for i in range(len(header) - 1)]
    for row in rows:
        cells = [_pad(cell, width) for cell, width in zip(row, widths, strict=False)]
        out.write("  ".join([*cells, row[-1]]).rstrip() + "\n")


def _clip(sentence: str, start: int, end: int, room: int = 24) -> str:
    """The sentence around the surface, marked with 【】, at most ``room`` chars each side."""
    left = sentence[max(0, start - room) : start]
    right = sentence[end : end + room]
    prefix = "…" if start > room else ""
    suffix = "…" if end + room < len(sentence) else ""
    return f"{prefix}{left}【{sentence[start:end]}】{right}{suffix}"


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


WRITERS: dict[str, Callable[[Iterable[Entry], TextIO, int | None], None]] = {
    "table": write_table,
    "jsonl": write_jsonl,
    "tsv": write_tsv,
}


@contextmanager
def write_atomically(path: str) -> Iterator[TextIO]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if not directory.is_dir():
        raise OutputError(f"{path}: the directory {directory} does not exist; create it first")
    if target.is_dir():
        raise OutputError(f"{path}: is a directory; give a file name inside it")
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, then renamed
            "w",
            encoding="utf-8",
            dir=directory,
            prefix=f".{target.name}.",
            suffix=".tmp",
            delete=False,
            newline="\n",
        )
    except OSError as error:
        raise OutputError(f"{path}: cannot write here ({error.strerror})") from error
    try:
        with handle:
            yield cast(TextIO, handle)
        os.replace(handle.name, target)
    except OSError as error:
        Path(handle.name).unlink(missing_ok=True)
        raise OutputError(f"{path}: cannot write ({error.strerror or error})") from error
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise
