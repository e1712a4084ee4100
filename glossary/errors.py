"""The exceptions the library raises; the CLI turns each into one clean line."""

from __future__ import annotations


class GlossaryError(Exception):
    """Base of every error the tool reports to a user instead of a traceback."""


class CorpusError(GlossaryError):
    """A corpus path or file that cannot be used.

    ``path`` names the file or directory, ``reason`` says what is wrong and how to fix it.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class OutputError(GlossaryError):
    """An output file that cannot be written."""


class CacheError(GlossaryError):
    """A cache file (``--cache``) that cannot be opened, read or written."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path


class TermbaseError(GlossaryError):
    """A termbase file (TBX, CSV, TSV, XLSX) that cannot be imported.

    Each problem names the file and the line (or spreadsheet row) it is on.
    """

    def __init__(self, path: str, problems: list[tuple[int, str]]) -> None:
        self.path = path
        self.problems = tuple(problems)
        lines = [
            f"{path}:{line}: {message}" if line else f"{path}: {message}"
            for line, message in self.problems
        ]
        super().__init__("\n".join(lines))
