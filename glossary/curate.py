"""``glossary terms add``: append a stub entry for a corpus term to a terms file.

Every existing byte of the file stays as it was (comments, order, formatting): the stub is
appended, the result is checked, and the file is replaced in one step.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from glossary.errors import GlossaryError
from glossary.lookup import lookup
from glossary.terms import TermsFileError, load_terms

_HEADER = "# Curated glossary terms: a YAML list of entries (see README, 'Curated terms').\n"


@dataclass(frozen=True, slots=True)
class AddedTerm:
    id: str
    path: str
    text: str  # the YAML appended


def add_term(query: str, target: str, database: str) -> AddedTerm:
    """Append a stub for ``query`` (found in the built glossary) to the terms file ``target``."""
    import yaml

    path = Path(target)
    if path.is_dir():
        raise GlossaryError(f"{target}: is a directory; name a terms file inside it")
    if not (path.parent if str(path.parent) else Path(".")).is_dir():
        raise GlossaryError(
            f"{target}: the directory {path.parent} does not exist; create it first"
        )
    result = lookup(database, query, limit=1)
    if result.match != "exact" or not result.entries:
        others = result.entries if result.match == "prefix" else result.suggestions
        hint = ", ".join(_label(e) for e in others)
        raise GlossaryError(
            f"{query!r} is not in the glossary" + (f"; did you mean {hint}?" if hint else "")
        )
    found = result.entries[0]
    if found["curated"]:
        raise GlossaryError(f"{query!r} is already curated as entry {found['id']!r}")
    old = path.read_bytes() if path.exists() else _HEADER.encode("utf-8")
    taken = _ids_in(path) if path.exists() else set()
    entry_id = found["id"]
    if entry_id in taken:
        raise GlossaryError(f"{target}: already has an entry with id {entry_id!r}")
    stub = _stub(found)
    text = (
        "\n# Added by `glossary terms add` from the corpus evidence: review it, then add a "
        "definition.\n" + yaml.safe_dump([stub], allow_unicode=True, sort_keys=False, width=90)
    )
    separator = b"" if not old or old.endswith(b"\n") else b"\n"
    new = old + separator + text.encode("utf-8")
    _write_checked(path, new)
    return AddedTerm(entry_id, target, text)


def _label(entry: dict[str, Any]) -> str:
    return " / ".join(x for x in (entry["zh"], entry["en"]) if x) or entry["id"]


def _stub(found: dict[str, Any]) -> dict[str, Any]:
    stub: dict[str, Any] = {"id": found["id"], "zh": found["zh"] or found["en"]}
    if found["en"]:
        stub["en"] = found["en"]
    stub["type"] = found["type"]
    others = {
        r["text"]: "admitted"
        for r in found["renderings"]
        if r["text"] not in (found["zh"], found["en"])
    }
    if others:
        stub["renderings"] = others
    sources = sorted({c["source"] for c in found["contexts"]})
    if sources:
        stub["sources"] = sources
    if found["contexts"]:
        context = found["contexts"][0]
        stub["note"] = (
            f"Used {found['count']} times in {found['doc_count']} documents, e.g. "
            f"“{context['sentence']}” ({context['source']}:{context['line']})"
        )
    return stub


def _new_file_mode() -> int:
    """The mode a new file gets from the process's umask (0o644 under the usual 022)."""
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _ids_in(path: Path) -> set[str]:
    try:
        return {loaded.term.id for loaded in load_terms([str(path)], check_related=False)}
    except TermsFileError as error:
        raise GlossaryError(
            f"{path} has problems; fix them before adding to it:\n{error}"
        ) from error


def _write_checked(path: Path, content: bytes) -> None:
    directory = path.parent if str(path.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".yaml")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(content)
        try:
            load_terms([temporary], check_related=False)
        except TermsFileError as error:
            raise GlossaryError(f"{path}: the stub would not check:\n{error}") from error
        os.chmod(temporary, path.stat().st_mode & 0o777 if path.exists() else _new_file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
