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
