"""Running the ``glossary`` command in a subprocess, as a user runs it, for the end-to-end tests.

Test modules import it as ``from cli_runner import ...``: ``tests`` has no ``__init__.py``, so
pytest (in its default ``prepend`` import mode) puts this directory on ``sys.path``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import IO, Any

TIMEOUT = 120
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def _glossary_command() -> list[str]:
    """The installed ``glossary`` script beside this interpreter, else ``python -m glossary``."""
    script = shutil.which("glossary", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "glossary"]


GLOSSARY = _glossary_command()


def start_command(
    *command: str | Path,
    cwd: Path | None = None,
    stdout: int | IO[Any] = subprocess.PIPE,
    env: dict[str, str] | None = None,
) -> subprocess.Popen[str]:
    """Start any command with the tests' environment (and ``env`` on top), its stderr (and
    stdout) captured."""
    return subprocess.Popen(
        [*map(str, command)],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env={**ENV, **(env or {})},
    )


def start(
    *args: str | Path, cwd: Path | None = None, stdout: int | IO[Any] = subprocess.PIPE
) -> subprocess.Popen[str]:
    """Start ``glossary ARGS...`` without waiting for it (several can run side by side)."""
    return start_command(*GLOSSARY, *args, cwd=cwd, stdout=stdout)


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    """Wait for a started process (killing it after ``TIMEOUT`` seconds) and collect its output."""
    try:
        stdout, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)


def run_command(
    *command: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return finish(start_command(*command, cwd=cwd, env=env))


def run(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``glossary ARGS...`` to the end."""
    return finish(start(*args, cwd=cwd))


def run_python(
    *args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run this interpreter with ARGS, e.g. ``-X importtime -m glossary --help``."""
    return run_command(sys.executable, *args, cwd=cwd, env=env)


def imported_modules(stderr: str) -> list[str]:
    """The dotted names of the modules imported, from ``python -X importtime`` output."""
    names = []
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            name = line.rsplit("|", 1)[1].strip()
            if name != "imported package":
                names.append(name)
    return names
