"""``glossary import``: an existing termbase → a new curated terms file.

A team starts from what it already has: a TBX file (TBX-Basic 2019 or the 2008 ``martif``
layout), a CSV or TSV file with a header row, or an XLSX workbook. The entries are turned
into terms-file entries (see :mod:`glossary.terms`), checked the way ``glossary check``
checks them, and written to a file that did not exist before; an existing file is never
touched.

Entries whose Chinese term another entry already has are skipped, and an English term
already taken becomes an alias, since a terms file holds one entry per zh and per en; each
such case, and whatever the file held that a terms file has no place for, is reported as a
warning.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from glossary.errors import GlossaryError, TermbaseError
from glossary.export.source import Concept, Reading

IMPORT_FORMATS = ("auto", "tbx", "csv", "tsv", "xlsx")
_EXTENSIONS = {
    ".tbx": "tbx",
    ".xml": "tbx",
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".utf8": "tsv",
    ".xlsx": "xlsx",
}
_HEADER = (
    "# Curated terms imported by `glossary import` from {source}.\n"
    "# Review them, then run `glossary check`; the fields are described in README.md, "
    "'Curated terms'.\n"
)


@dataclass(frozen=True, slots=True)
class Imported:
    """What an import wrote: where, how many entries, and what it had to leave out."""

    path: str
    count: int
    warnings: tuple[str, ...]


def detect_format(path: str, data: bytes) -> str:
    """The format of a termbase file, from its extension or else its first bytes."""
    by_extension = _EXTENSIONS.get(Path(path).suffix.lower())
    if by_extension:
        return by_extension
    if data.startswith(b"PK\x03\x04"):
        return "xlsx"
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "tbx"
    first_line = data.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first_line else "csv"


def read_termbase(path: str, fmt: str = "auto") -> Reading:
    """Read the concepts of a termbase file (``fmt`` one of :data:`IMPORT_FORMATS`)."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise GlossaryError(f"{path}: no such file; check the path") from None
    except IsADirectoryError:
        raise GlossaryError(f"{path}: is a directory; name a termbase file") from None
    except OSError as error:
        raise GlossaryError(f"{path}: cannot read ({error.strerror})") from error
    kind = detect_format(path, data) if fmt == "auto" else fmt
    if kind == "tbx":
        from glossary.export.tbx import read_tbx

        return read_tbx(data, path)
    from glossary.export.table import read_table

    return read_table(data, path, kind)


def import_termbase(path: str, target: str, fmt: str = "auto") -> Imported:
    """Read the termbase at ``path`` into a new terms file ``target`` (never overwritten)."""
    destination = Path(target)
    if destination.exists():
        raise GlossaryError(
            f"{target}: already exists and is never overwritten; choose a new file with --to"
        )
    reading = read_termbase(path, fmt)
    entries, warnings = curated_entries(reading, traditional=_traditional)
    text = terms_yaml(entries, Path(path).name)
    _write_new(destination, text)
    return Imported(target, len(entries), (*reading.warnings, *warnings))


def curated_entries(
    reading: Reading, traditional: Callable[[str], str]
) -> tuple[list[dict[str, Any]], list[str]]:
    """Terms-file entries (plain data, fields in the usual order) from the concepts read,
    and warnings for what had to change: skipped duplicates, demoted English terms,
    related ids that point nowhere, one-language definitions kept as notes."""
    from glossary.text import canonical_key

    warnings: list[str] = []
    ids = _ids(reading.concepts)
    kept: list[tuple[Concept, int, str]] = []
    chinese: dict[str, tuple[str, int]] = {}
    english: dict[str, tuple[str, int]] = {}
    demoted: dict[str, str] = {}
    for (concept, line), entry_id in zip(reading.concepts, ids, strict=True):
        zh = concept.preferred("zh-Hans") or ""
        holder = chinese.get(canonical_key(zh))
        if holder is not None:
            warnings.append(
                f"line {line}: skipped entry {entry_id}: its Chinese term {zh!r} is already "
                f"entry {holder[0]}'s (line {holder[1]}); merge the two by hand"
            )
            continue
        chinese[canonical_key(zh)] = (entry_id, line)
        en = concept.preferred("en")
        if en:
            holder = english.get(canonical_key(en))
            if holder is not None:
                demoted[entry_id] = en
                warnings.append(
                    f"line {line}: entry {entry_id}: its English term {en!r} is already entry "
                    f"{holder[0]}'s (line {holder[1]}); kept as an alias"
                )
            else:
                english[canonical_key(en)] = (entry_id, line)
        kept.append((concept, line, entry_id))
    raw_ids = {
        concept.id: entry_id for (concept, _), entry_id in zip(reading.concepts, ids, strict=True)
    }
    present = {entry_id for _, _, entry_id in kept}
    entries = []
    for concept, line, entry_id in kept:
        related = [raw_ids.get(r, r) for r in concept.related]
        missing = [r for r in related if r not in present or r == entry_id]
        if missing:
            warnings.append(
                f"line {line}: entry {entry_id}: left out related entries not in the file: "
                + ", ".join(missing)
            )
        entry, note = _entry(concept, entry_id, demoted.get(entry_id), traditional)
        if note:
            warnings.append(f"line {line}: entry {entry_id}: {note}")
        linked = [r for r in dict.fromkeys(related) if r in present and r != entry_id]
        if linked:
            entry["related"] = linked
        entries.append(_ordered(entry))
    return entries, warnings


_FIELD_ORDER = (
    "id",
    "zh",
    "en",
    "zh_hant",
    "abbr",
    "aliases",
    "renderings",
    "type",
    "category",
    "definition",
    "related",
    "pinyin",
    "sources",
    "note",
)


def _ordered(entry: dict[str, Any]) -> dict[str, Any]:
    return {field: entry[field] for field in _FIELD_ORDER if field in entry}


def _entry(
    concept: Concept, entry_id: str, demoted_en: str | None, traditional: Callable[[str], str]
) -> tuple[dict[str, Any], str | None]:
    zh = concept.preferred("zh-Hans") or ""
    en = concept.preferred("en")
    entry: dict[str, Any] = {"id": entry_id, "zh": zh}
    if en and not demoted_en:
        entry["en"] = en
    zh_hant = concept.preferred("zh-Hant")
    if zh_hant and zh_hant != traditional(zh):
        entry["zh_hant"] = zh_hant
    taken = {zh, en}
    abbr = _unique(t.text for t in concept.others() if t.kind == "abbreviation")
    aliases = _unique(
        [
            *([demoted_en] if demoted_en else []),
            *(t.text for t in concept.others() if t.kind == "alias"),
        ]
    )
    renderings: dict[str, str] = {}
    for term in concept.others():
        if term.kind == "rendering" and term.text not in taken and term.status:
            renderings.setdefault(term.text, term.status)
    if abbr:
        entry["abbr"] = [a for a in abbr if a not in taken]
    if aliases:
        entry["aliases"] = [a for a in aliases if a not in taken or a == demoted_en]
    if renderings:
        entry["renderings"] = renderings
    if concept.category:
        entry["category"] = concept.category
    notes = [concept.note] if concept.note else []
    message = None
    if concept.definition_zh and concept.definition_en:
        entry["definition"] = {"zh": concept.definition_zh, "en": concept.definition_en}
    elif concept.definition_zh or concept.definition_en:
        only = concept.definition_zh or concept.definition_en or ""
        notes.insert(0, f"definition: {only}")
        message = (
            "a definition in one language only is kept in the note "
            "(a terms-file definition has zh and en)"
        )
    if concept.references:
        entry["sources"] = list(dict.fromkeys(concept.references))
    if notes:
        entry["note"] = "\n\n".join(notes)
    for field in ("abbr", "aliases"):
        if field in entry and not entry[field]:
            del entry[field]
    return entry, message


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(i for i in items if i))


def _ids(concepts: Sequence[tuple[Concept, int]]) -> list[str]:
    """An id for every concept: its own when usable (as a slug), else a slug of its English
    or the pinyin of its Chinese; clashes get -2, -3, …"""
    import re

    from glossary.terms import ID_PATTERN, slugify

    taken: set[str] = set()
    ids: list[str] = []
    for concept, _ in concepts:
        given = concept.id.strip()
        if given and re.fullmatch(ID_PATTERN, given):
            base = given
        elif given:
            base = slugify(given)
        elif concept.preferred("en"):
            base = slugify(concept.preferred("en") or "")
        else:
            base = slugify(_pinyin(concept.preferred("zh-Hans") or ""))
        entry_id, suffix = base, 2
        while entry_id in taken:
            entry_id = f"{base}-{suffix}"
            suffix += 1
        taken.add(entry_id)
        ids.append(entry_id)
    return ids


def _pinyin(text: str) -> str:
    from glossary.pinyin import pinyin_key, pinyin_marks

    return " ".join(pinyin_key(syllable) for syllable in pinyin_marks(text).split())


@cache
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("s2t")


def _traditional(text: str) -> str:
    """OpenCC's Traditional form of ``text``, the one ``glossary build`` fills in."""
    return str(_converter().convert(text))


def terms_yaml(entries: Sequence[dict[str, Any]], source: str) -> str:
    """The entries as a terms file in the style of ``terms/llm.yaml``: lists and renderings
    on one line (``[AGI]``, ``{令牌: deprecated}``), one blank line between entries."""
    import yaml

    class Dumper(yaml.SafeDumper):
        pass

    def flow_list(dumper: yaml.SafeDumper, data: list[str]) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=True)

    def flow_map(dumper: yaml.SafeDumper, data: dict[str, str]) -> yaml.Node:
        return dumper.represent_mapping("tag:yaml.org,2002:map", data, flow_style=True)

    Dumper.add_representer(_FlowList, flow_list)
    Dumper.add_representer(_FlowMap, flow_map)
    blocks = [
        yaml.dump([_flowing(e)], Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)
        for e in entries
    ]
    return _HEADER.format(source=source) + "\n" + "\n".join(blocks)


class _FlowList(list[str]):
    """A list written on one line."""


class _FlowMap(dict[str, str]):
    """A mapping written on one line."""


def _flowing(entry: dict[str, Any]) -> dict[str, Any]:
    styled: dict[str, Any] = {}
    for field, value in entry.items():
        if isinstance(value, list):
            styled[field] = _FlowList(value)
        elif field == "renderings":
            styled[field] = _FlowMap(value)
        else:
            styled[field] = value
    return styled


def _write_new(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` only if it is still absent, after checking it as a terms
    file. The file appears whole or not at all."""
    from glossary.terms import TermsFileError, load_terms

    directory = path.parent if str(path.parent) else Path(".")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".yaml")
    except OSError as error:
        raise GlossaryError(f"{path}: cannot write here ({error.strerror})") from error
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        try:
            load_terms([temporary])
        except TermsFileError as error:
            raise GlossaryError(
                f"{path}: the imported entries do not check; nothing was written:\n{error}"
            ) from error
        os.chmod(temporary, _new_file_mode())
        try:
            os.link(temporary, path)  # fails, atomically, when the file appeared meanwhile
        except FileExistsError:
            raise GlossaryError(
                f"{path}: already exists and is never overwritten; choose a new file with --to"
            ) from None
        except OSError as error:
            raise GlossaryError(f"{path}: cannot write ({error.strerror})") from error
    finally:
        Path(temporary).unlink(missing_ok=True)


def _new_file_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


__all__ = [
    "IMPORT_FORMATS",
    "Imported",
    "TermbaseError",
    "curated_entries",
    "detect_format",
    "import_termbase",
    "read_termbase",
    "terms_yaml",
]
