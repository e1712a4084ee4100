"""Word segmentation: jieba for Han text, with Latin-script spans kept whole.

jieba is heavy (about half a second and ~100 MiB to load its dictionary), so it is loaded
only when a :class:`Segmenter` is first used, never at import, and each Segmenter owns a
private ``jieba.Tokenizer`` instead of jieba's process-wide one.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from glossary.extract.latin import latin_spans
from glossary.text import is_han

TokenKind = Literal["han", "latin", "digit", "space", "punct"]


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    kind: TokenKind


class Segmenter:
    """Segments folded sentences into tokens; knows jieba's dictionary frequency and POS tags."""

    def __init__(self, extra_words: Iterable[str] = ()) -> None:
        """``extra_words``: words to keep whole (curated terms), taught to jieba when it loads."""
        self._tokenizer: Any = None
        self._tags: dict[str, str] | None = None
        self._extra_words = tuple(extra_words)

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in self._extra_words:
                tokenizer.add_word(word)
            self._tokenizer = tokenizer
        return self._tokenizer

    def dictionary_frequency(self, word: str) -> int:
        """jieba's dictionary count for ``word``; 0 for a word it does not know."""
        return int(self.tokenizer.FREQ.get(word, 0) or 0)

    def pos(self, word: str) -> str | None:
        """jieba's dictionary part-of-speech tag for ``word`` (``n``, ``v``, ``nr``, …)."""
        if self._tags is None:
            self._tags = _load_tags()
        return self._tags.get(word)

    def tokens(self, folded: str) -> list[Token]:
        """Tokens of a width-folded sentence; offsets index into ``folded``.

        Latin-script terms (``Scaling Law``, ``GPT-4``) come out as one token each; Han runs go
        through jieba (with its HMM for unknown words); the rest is split per character.
        """
        out: list[Token] = []
        position = 0
        for start, end in latin_spans(folded):
            self._cut_between(folded, position, start, out)
            out.append(Token(folded[start:end], start, end, "latin"))
            position = end
        self._cut_between(folded, position, len(folded), out)
        return out

    def _cut_between(self, text: str, start: int, end: int, out: list[Token]) -> None:
        i = start
        while i < end:
            char = text[i]
            if is_han(char):
                j = i
                while j < end and is_han(text[j]):
                    j += 1
                offset = i
                for word in self.tokenizer.cut(text[i:j], HMM=True):
                    out.append(Token(word, offset, offset + len(word), "han"))
                    offset += len(word)
                i = j
            elif char.isascii() and char.isalnum():
                j = i
                while j < end and (
                    (text[j].isascii() and text[j].isalnum())
                    or (
                        text[j] == "."
                        and j + 1 < end
                        and text[j + 1].isdigit()
                        and text[j - 1].isdigit()
                    )
                ):
                    j += 1
                kind: TokenKind = "digit" if text[i:j].replace(".", "").isdigit() else "latin"
                out.append(Token(text[i:j], i, j, kind))
                i = j
            else:
                kind = "space" if char.isspace() else "punct"
                out.append(Token(char, i, i + 1, kind))
                i += 1


def _load_tags() -> dict[str, str]:
    import jieba

    path = Path(jieba.__file__).with_name("dict.txt")
    tags: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    return tags
