"""Bilingual pairs the text states itself: ``尺度定律(Scaling Law)``, ``Token(词元)``.

The text is width-folded first, so ``（）`` and ``()`` are one case. For each parenthesis the
inside is classified (English, Chinese, acronym with expansion, or anything else, which
yields nothing), and the term on its left is delimited. The left boundary is the whole game:

* English on the left, Chinese inside: the Latin term that ends at the parenthesis
  (``PaaS层(平台层)`` pairs ``PaaS`` with ``平台层`` because both share the head ``层``);
* Chinese on the left, English inside: a transliterated name joined by a middle dot
  (``伊利亚·苏茨克维尔``), a coordinated list matching an acronym letter for letter
  (``科学、技术、工程和数学(STEM)``), or the words back to the nearest function word, within
  a length budget that grows with the English side;
* a mixed term on the left whose Latin part the English repeats (``生成式 AI(Generative AI)``).

A parenthesis with Chinese on both sides, a date, a formula, a caption or a contact line is
not a translation and yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.extract.latin import latin_spans
from glossary.lexicon import CONTEXT_WORDS, FUNCTION_WORDS, TERM_PREFIXES
from glossary.segment import Segmenter
from glossary.text import is_han

_PAREN = re.compile(r"\(([^()]{1,60})\)")
_ENGLISH = re.compile(r"[A-Za-z][A-Za-z0-9.\-'’&+ ]*[A-Za-z0-9+]|[A-Za-z]")
_ACRONYM = re.compile(r"[A-Z][A-Za-z0-9\-]*[A-Z0-9]s?")
_ZH_INSIDE = re.compile(r"[\u4e00-\u9fff·][\u4e00-\u9fff·A-Za-z0-9 \-]*")
_ABBREVIATION_MARKERS = (
    "简称",
    "簡稱",
    "缩写",
    "縮寫",
    "英文名",
    "英文",
    "全称",
    "全稱",
    "即",
    "又称",
)
_NAME_DOTS = "·•‧・"
_CLOSING_QUOTES = "”’\"'」』"
_MAX_ENGLISH_WORDS = 6
# jieba tags of Chinese insides that gloss rather than translate: places and times (OpenAI(美国)).
_NOT_RENDERINGS = frozenset({"ns", "t", "m"})
_MAX_ZH_INSIDE = 12

# Words that never belong to the term left of a parenthesis: particles, prepositions,
# conjunctions, demonstratives, copulas and speech verbs.
_LEFT_STOPWORDS = (FUNCTION_WORDS - TERM_PREFIXES) | CONTEXT_WORDS


@dataclass(frozen=True, slots=True)
class PairMatch:
    """Offsets (into the sentence) of the two sides of one stated pair."""

    zh: tuple[int, int]
    en: tuple[int, int]
    abbreviation: tuple[int, int] | None = None


def find_pairs(folded: str, segmenter: Segmenter) -> Iterator[PairMatch]:
    """All zh↔en pairs stated with parentheses in one width-folded sentence.

    >>> from glossary.segment import Segmenter
    >>> text = "在Scaling Law(尺度定律)这条路线上"
    >>> [(text[slice(*p.zh)], text[slice(*p.en)]) for p in find_pairs(text, Segmenter())]
    [('尺度定律', 'Scaling Law')]
    """
    for match in _PAREN.finditer(folded):
        inner_start, inner_end = _strip_span(folded, match.start(1), match.end(1))
        if inner_start >= inner_end:
            continue
        left_end = match.start()
        while left_end > 0 and (
            folded[left_end - 1] == " " or folded[left_end - 1] in _CLOSING_QUOTES
        ):
            left_end -= 1
        pair = _pair_for(folded, left_end, inner_start, inner_end, segmenter)
        if pair is not None:
            yield pair


def _pair_for(
    text: str, left_end: int, inner_start: int, inner_end: int, segmenter: Segmenter
) -> PairMatch | None:
    inner = text[inner_start:inner_end]
    if left_end == 0:
        return None
    last = text[left_end - 1]
    if _is_english(inner):
        if is_han(last) or last in _NAME_DOTS:
            zh = _zh_left(text, left_end, inner, segmenter)
            return PairMatch(zh, (inner_start, inner_end)) if zh else None
        if last.isascii() and last.isalnum():
            zh = _mixed_left(text, left_end, inner, segmenter)
            return PairMatch(zh, (inner_start, inner_end)) if zh else None
        return None
    if _is_chinese(inner) and segmenter.pos(inner) not in _NOT_RENDERINGS:
        en = _latin_left(text, left_end, inner)
        return PairMatch((inner_start, inner_end), en) if en else None
    return _acronym_pair(text, left_end, inner_start, inner_end, segmenter)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _is_english(inner: str) -> bool:
    """A Latin-script term of at most six words (not a date, number or sentence)."""
    return bool(_ENGLISH.fullmatch(inner)) and len(inner.split()) <= _MAX_ENGLISH_WORDS


def _is_chinese(inner: str) -> bool:
    """A short Chinese term: Han first, no digits-and-dates, no punctuation but the name dot."""
    if not _ZH_INSIDE.fullmatch(inner):
        return False
    han = sum(1 for c in inner if is_han(c))
    return 2 <= han <= _MAX_ZH_INSIDE and not any(c.isdigit() for c in inner)


def _latin_left(text: str, left_end: int, inner: str) -> tuple[int, int] | None:
    """The Latin term that ends at ``left_end``, or ends just before a head the inside shares."""
    head = 0
    while head < 2 and left_end - head > 0 and is_han(text[left_end - head - 1]):
        head += 1
    if head:
        # PaaS层(平台层): the Chinese inside must end in the same head as the left term.
        if not inner.endswith(text[left_end - head : left_end]):
            return None
        left_end -= head
    spans = list(latin_spans(text[:left_end]))
    if not spans or spans[-1][1] != left_end:
        return None
    return spans[-1]


def _mixed_left(
    text: str, left_end: int, inner: str, segmenter: Segmenter
) -> tuple[int, int] | None:
    """``生成式 AI(Generative AI)``: a Chinese modifier plus a Latin word the English repeats."""
    spans = list(latin_spans(text[:left_end]))
    if not spans or spans[-1][1] != left_end:
        return None
    latin_start = spans[-1][0]
    latin = text[latin_start:left_end]
    if latin.casefold() == inner.casefold() or latin.casefold() not in inner.casefold().split():
        return None
    han_end = latin_start
    if han_end > 0 and text[han_end - 1] == " ":
        han_end -= 1
    if han_end == 0 or not is_han(text[han_end - 1]):
        return None
    start = _zh_start(text, han_end, 1, segmenter)
    return (start, left_end) if start < han_end else None


def _zh_left(text: str, left_end: int, inner: str, segmenter: Segmenter) -> tuple[int, int] | None:
    listed = _coordinated_list(text, left_end, inner, segmenter)
    if listed is not None:
        return listed, left_end
    if text[left_end - 1] in _NAME_DOTS:
        return None
    name = _dotted_name(text, left_end, segmenter)
    if name is not None:
        return name, left_end
    # An acronym spells one Chinese word per letter (CNN → 卷积神经网络); other English
    # words map to a word or two each.
    units = len(inner) if inner.isupper() and " " not in inner else len(inner.split())
    start = _zh_start(text, left_end, units, segmenter)
    return (start, left_end) if left_end - start >= 2 else None


def _han_run_start(text: str, end: int, extra: str = "") -> int:
    start = end
    while start > 0 and (is_han(text[start - 1]) or text[start - 1] in extra):
        start -= 1
    return start


def _zh_start(text: str, end: int, english_words: int, segmenter: Segmenter) -> int:
    """Walk back over words until a function word, the edge of the run or the length budget."""
    run_start = _han_run_start(text, end)
    budget = max(4, 2 + 2 * english_words) if english_words > 2 else 2 + 3 * english_words
    start = end
    for token in reversed(segmenter.tokens(text[run_start:end])):
        if token.text in _LEFT_STOPWORDS or end - (run_start + token.start) > budget:
            break
        start = run_start + token.start
    return start


def _dotted_name(text: str, end: int, segmenter: Segmenter) -> int | None:
    """``首席科学家伊利亚·苏茨克维尔`` → where ``伊利亚`` starts: the name, not the title."""
    run_start = _han_run_start(text, end, _NAME_DOTS)
    run = text[run_start:end]
    first_dot = next((i for i, c in enumerate(run) if c in _NAME_DOTS), -1)
    if first_dot <= 0:
        return None
    tokens = segmenter.tokens(run[:first_dot])
    given = tokens[-1]
    if len(given.text) == 1 and len(tokens) > 1:
        given = tokens[-2]
    return run_start + given.start


def _coordinated_list(text: str, end: int, inner: str, segmenter: Segmenter) -> int | None:
    """``科学、技术、工程和数学(STEM)``: as many listed items as the acronym has letters."""
    if not _ACRONYM.fullmatch(inner) or not inner.isupper():
        return None
    start = _han_run_start(text, end, "、")
    items = re.split(r"、|和|与|及", text[start:end])
    if len(items) < 3 or "、" not in text[start:end]:
        return None
    letters = len(inner)
    if len(items) < letters:
        return None
    # Keep the last `letters` items; the first may carry leading words (尤其是在科学).
    kept = items[-letters:]
    if not all(kept):
        return None  # an empty item: 、、 or a list that opens with 、
    longest = max(len(item) for item in kept[1:])
    if not 1 <= longest <= 6:
        return None
    offset = end - len("".join(kept)) - (letters - 1)
    first = kept[0]
    words = [token.text for token in segmenter.tokens(first)]
    item = words.pop()
    while words and len(words[-1]) + len(item) <= longest and words[-1] not in _LEFT_STOPWORDS:
        item = words.pop() + item
    return offset + len(first) - len(item)


def _acronym_pair(
    text: str, left_end: int, inner_start: int, inner_end: int, segmenter: Segmenter
) -> PairMatch | None:
    """``大语言模型(Large Language Models,简称 LLMs)``: the expansion pairs, the acronym
    rides along."""
    inner = text[inner_start:inner_end]
    parts = list(re.finditer(r"[^,;、]+", inner))
    if len(parts) != 2 or not is_han(text[left_end - 1]):
        return None
    expansion: tuple[int, int] | None = None
    acronym: tuple[int, int] | None = None
    for part in parts:
        words = part.group()
        offset = inner_start + part.start()
        for marker in _ABBREVIATION_MARKERS:
            stripped = words.lstrip()
            if stripped.startswith(marker):
                offset += len(words) - len(stripped) + len(marker)
                words = stripped[len(marker) :]
                break
        s, e = _strip_span(text, offset, offset + len(words))
        piece = text[s:e].lstrip(":")
        s = e - len(piece)
        if _ACRONYM.fullmatch(piece) and " " not in piece:
            acronym = (s, e)
        elif _is_english(piece) and " " in piece:
            expansion = (s, e)
    if expansion is None or acronym is None:
        return None
    english_words = len(text[slice(*expansion)].split())
    start = _zh_start(text, left_end, english_words, segmenter)
    if left_end - start < 2:
        return None
    return PairMatch((start, left_end), expansion, acronym)
