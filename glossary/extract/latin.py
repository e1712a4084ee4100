"""Latin-script terms inside Chinese prose, kept whole: ``Scaling Law``, ``GPT-4``, ``AI 2.0``.

Works on width-folded text (see :func:`glossary.text.fold_width`), so full-width letters are
found too and offsets still point at the original characters.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# A word: letters and digits, with inner . - ' + joining pieces (GPT-4, Llama3.1, o1, C++).
_WORD = r"[A-Za-z0-9](?:[A-Za-z0-9]|[.\-'’](?=[A-Za-z0-9]))*\+*"
# A run: words separated by single spaces.
_RUN = re.compile(rf"{_WORD}(?: {_WORD})*")
_VERSION = re.compile(r"\d+(?:\.\d+)*[A-Za-z]?$|[vV]\d+(?:\.\d+)*$")
_HAS_LETTER = re.compile(r"[A-Za-z]")
_URLISH = re.compile(r"(?:https?://|www\.|@)\S*$")
# Code in running text: identifiers joined by _ (LLM_BASE_URL, torch.cuda.is_available),
# calls and assignments (model.train(), num_labels=2). Its pieces are not terms.
_CODE = re.compile(
    r"[A-Za-z0-9_.]*(?:_[A-Za-z0-9]|[A-Za-z0-9]_|\(\)|[A-Za-z0-9_]=)[A-Za-z0-9_.()=]*"
)
_SCIENTIFIC = re.compile(r"\d+(?:\.\d+)?[eE][-+]?\d+")
# A quantity: a number with a magnitude or a unit (128K, 1.2T, 300ms, 16KB, 3.5GHz, 10x).
_QUANTITY = re.compile(
    r"\d+(?:\.\d+)? ?(?:[KMBT]|[KMGTP]i?B|[kKMG]?Hz|[mnµ]?s|min|[nmck]?m|fps|px|dB|k?W|mAh|x)"
)

# English words that do not begin or end a term.
_EDGE_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "on",
        "for",
        "at",
        "by",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "be",
        "this",
        "that",
        "these",
        "those",
        "it",
        "its",
        "we",
        "our",
        "you",
        "your",
        "they",
        "their",
        "vs",
        "via",
    ]
)
MAX_RUN_WORDS = 4


def latin_spans(folded: str) -> Iterator[tuple[int, int]]:
    """Spans of Latin-script terms in a width-folded sentence, left to right.

    A run of at most four words separated by single spaces is one term (``Hugging Face``,
    ``next-token prediction``); a longer run (an English sentence quoted in Chinese text) is
    cut into its capitalised stretches. A word with no letter (``2024``), one bare letter,
    a number in scientific notation (``1e-5``) or with a unit (``128K``, ``300ms``), URLs,
    e-mail addresses and code (``LLM_BASE_URL``, ``model.train()``, ``num_labels=2``) are
    not terms.

    >>> text = "在Scaling Law(尺度定律)和GPT-4之后,AI 2.0来了"
    >>> [text[s:e] for s, e in latin_spans(text)]
    ['Scaling Law', 'GPT-4', 'AI 2.0']
    """
    code = (
        [m.span() for m in _CODE.finditer(folded)]
        if "_" in folded or "(" in folded or "=" in folded
        else []
    )
    for match in _RUN.finditer(folded):
        start, end = match.span()
        if _URLISH.match(folded, max(0, start - 8), start + 1) or _in_url(folded, start, end):
            continue
        if any(a < end and start < b for a, b in code):
            continue
        words = match.group().split(" ")
        if len(words) <= MAX_RUN_WORDS:
            yield from _trim(folded, start, words)
        else:
            yield from _capitalised_stretches(folded, start, words)


def _in_url(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 8) : start]
    after = text[end : end + 3]
    return (
        "://" in before
        or before.endswith(("@", "/", ".", "www."))
        or after.startswith(("@", "://", "/"))
    )


def _trim(text: str, start: int, words: list[str]) -> Iterator[tuple[int, int]]:
    """Drop stop words at either edge; yield the rest if it is a plausible term."""
    offsets = []
    position = start
    for word in words:
        offsets.append((position, position + len(word)))
        position += len(word) + 1
    lo, hi = 0, len(words)
    while lo < hi and words[lo].lower() in _EDGE_STOPWORDS:
        lo += 1
    while hi > lo and words[hi - 1].lower() in _EDGE_STOPWORDS:
        hi -= 1
    if lo == hi:
        return
    kept = words[lo:hi]
    if _QUANTITY.fullmatch(" ".join(kept)):
        return  # 3.5 GHz: a measurement, not a number before the term GHz
    # A leading bare number belongs to the Chinese before it (2024百度世界大会), not the term.
    while kept and not _HAS_LETTER.search(kept[0]):
        lo += 1
        kept = words[lo:hi]
    if not kept:
        return
    surface = " ".join(kept)
    if not _is_term_like(surface):
        return
    yield offsets[lo][0], offsets[hi - 1][1]


def _capitalised_stretches(text: str, start: int, words: list[str]) -> Iterator[tuple[int, int]]:
    position = start
    stretch: list[tuple[int, int, str]] = []
    for word in [*words, ""]:
        if word and (word[0].isupper() or (word[0].isdigit() and stretch)):
            stretch.append((position, position + len(word), word))
        else:
            if stretch and len(stretch) <= MAX_RUN_WORDS:
                yield from _trim(text, stretch[0][0], [w for _, _, w in stretch])
            stretch = []
        position += len(word) + 1


def _is_term_like(surface: str) -> bool:
    """At least two characters and one letter; not a bare version number.

    >>> [_is_term_like(s) for s in ["o1", "B", "2.0", "GPT-4", "v2", "1e-5", "128K", "5G", "18A"]]
    [True, False, False, True, False, False, False, True, True]
    """
    if len(surface) < 2 or not _HAS_LETTER.search(surface):
        return False
    if _SCIENTIFIC.fullmatch(surface) or _QUANTITY.fullmatch(surface):
        return False
    return not (
        " " not in surface
        and _VERSION.match(surface)
        and not surface[0].isdigit()
        and surface[0] in "vV"
    )


def is_version(word: str) -> bool:
    """A version-like word: ``2``, ``3.5``, ``2.0``, ``4o``, ``v2``.

    >>> [is_version(w) for w in ["2", "3.5", "4o", "v2", "GPT"]]
    [True, True, True, True, False]
    """
    return bool(_VERSION.match(word))
