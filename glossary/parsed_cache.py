"""Parsed dictionaries kept in the user's cache directory, so that every process after the
first reads them in a fraction of the time it takes to parse them.

A copy is named by what it was made from (a package and its version) and by the format of
what is kept, so a new dictionary or a new parser never reads an old copy. A copy that
cannot be read is made again; where the cache cannot be written, every process parses.
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import TypeVar

Parsed = TypeVar("Parsed")


def load_parsed(
    name: str,
    package: str,
    version: int,
    parse: Callable[[], Parsed],
    valid: Callable[[object], bool],
) -> Parsed:
    """``parse()``'s result, from the cache when a copy for ``package``'s installed version
    and this ``version`` of the format is there and ``valid`` (values marshal can write)."""
    path = cache_path(name, package, version)
    try:
        # read whole, then unmarshalled: marshal.load on a file is three times slower
        cached = marshal.loads(path.read_bytes())
        if valid(cached):
            return cached  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not there yet, or unreadable: parse again
    parsed = parse()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as written:
            marshal.dump(parsed, written)  # type: ignore[arg-type]
        os.replace(written.name, path)
    except OSError:
        pass  # a read-only home: parse every time
    return parsed


def cache_path(name: str, package: str, version: int) -> Path:
    """Where the copy is kept: ``$XDG_CACHE_HOME/glossary`` or ``~/.cache/glossary``."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "glossary" / f"{name}-{metadata.version(package)}-{version}.marshal"
