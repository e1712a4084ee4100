"""The package's bytecode written before a benchmark, as an installed package has it.

pip compiles a wheel's modules when it installs it, and Python writes a module's bytecode
the first time it imports it, unless PYTHONDONTWRITEBYTECODE is set, as it may be on a build
machine. Then every fresh process compiles each module it imports from source again (about
40 ms for the extraction's modules, 13 ms when most are compiled extensions), while the
baseline's libraries, installed by pip, start from bytecode. The benchmarks write it first
so that both sides start as they would for a user.
"""

from __future__ import annotations

import compileall
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "glossary"


def write_bytecode(package: Path = PACKAGE) -> None:
    """Compile every module under ``package`` into its ``__pycache__`` (quietly, and only
    the modules whose bytecode is missing or older than their source)."""
    if not compileall.compile_dir(package, quiet=1):
        raise SystemExit(f"{package}: a module does not compile")
