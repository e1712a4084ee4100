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
from glossary.lexicon import (
    CONTEXT_WORDS,
    FUNCTION_WORDS,
    ORGANISATION_SUFFIXES,
    ROLE_WORDS,
    TECH_HEADS,
    TERM_PREFIXES,
)
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
_ENGLISH_FUNCTION_WORDS = frozenset("of the a an and or for to in on with by as at".split())
# English prefixes that a Chinese affix (非, 预, 后, 超, 微, 多, 遥, 反 …) usually renders.
_ENGLISH_PREFIXES = tuple(
    "un non pre post multi micro macro self semi anti inter intra over under sub super hyper "
    "cross tele back auto".split()
)
_EVERYDAY_VERB = 500  # jieba count from which a verb is everyday language

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
    if _is_chinese(inner) and not _gloss(inner, segmenter):
        en = _latin_left(text, left_end, inner)
        return PairMatch((inner_start, inner_end), en) if en else None
    return _acronym_pair(text, left_end, inner_start, inner_end, segmenter)


def _gloss(inner: str, segmenter: Segmenter) -> bool:
    """A Chinese inside that comments rather than translates: a place or a time
    (OpenAI(美国)), a lone everyday verb or adverb (Docker(推荐)), or a reference
    (详见 LICENSE 文件, 见图2)."""
    if inner.startswith(_REFERENCE_MARKERS):
        return True
    tag = segmenter.pos(inner)
    if tag in _NOT_RENDERINGS:
        return True
    return tag in ("v", "d", "a", "ad") and segmenter.dictionary_frequency(inner) >= _EVERYDAY_VERB


_REFERENCE_MARKERS = ("见", "详见", "参见", "参考", "注", "下同", "图", "表", "来源", "摄")


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
    start = _zh_start(text, left_end, english_units(inner), segmenter)
    if left_end - start < 2:
        return None
    return _latin_opening(text, start, left_end, inner), left_end


def _latin_opening(text: str, start: int, left_end: int, inner: str) -> int:
    """Take in a Latin word before the whole Chinese run when the English opens with it:
    ``API 密钥(API Key)``, ``Java 虚拟机(Java Virtual Machine)``."""
    if start != _joined_run_start(text, left_end):
        return start
    latin_end = start - 1 if start > 0 and text[start - 1] == " " else start
    spans = list(latin_spans(text[:latin_end]))
    if not spans or spans[-1][1] != latin_end:
        return start
    latin = text[spans[-1][0] : latin_end].casefold()
    return spans[-1][0] if inner.casefold().startswith(latin + " ") else start


def _han_run_start(text: str, end: int, extra: str = "") -> int:
    start = end
    while start > 0 and (is_han(text[start - 1]) or text[start - 1] in extra):
        start -= 1
    return start


def english_units(english: str) -> float:
    """How many Chinese words an English term is likely to take.

    One per content word (``of``, ``the`` … take none), one per capitalised part of a
    camel-case name (DeepBlue → 2), one per letter of an acronym (CNN → 3), and half more
    for a word-forming prefix (Unsupervised, Microservices, Overfitting → 1.5).

    >>> [english_units(e) for e in ("Scaling Law", "CNN", "Principle of Least Privilege",
    ...                              "Unsupervised Learning", "DeepBlue Robotics", "post-training")]
    [2.0, 3.0, 3.0, 2.5, 3.0, 1.5]
    """
    stripped = english.strip()
    if _ACRONYM.fullmatch(stripped) and stripped.rstrip("s").isupper() and " " not in stripped:
        return float(len(stripped.rstrip("s")))
    units = 0.0
    for word in re.split(r"[\s\-]+", stripped):
        if not word or word.lower() in _ENGLISH_FUNCTION_WORDS:
            continue
        if word.lower() in _ENGLISH_PREFIXES:
            units += 0.5  # post-training, pre-trained: a prefix, not a word
            continue
        parts = re.findall(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", word) or [word]
        units += len(parts)
        if len(parts) == 1 and word.lower().startswith(_ENGLISH_PREFIXES) and len(word) > 6:
            units += 0.5
    return units or 1.0


def _zh_start(text: str, end: int, english: float, segmenter: Segmenter) -> int:
    """Where the Chinese term before a parenthesis starts.

    Each run of whole words back from the parenthesis (up to a function word, the edge of
    the run or a length budget) is scored by how well its word count fits the English
    (``english`` units, see :func:`english_units`) and is penalised when it opens with a
    verb, adverb, numeral or pronoun that is not part of the term (守好|持续集成,
    计算|嵌入); the best fit wins, the longer on a tie.
    """
    run_start = _joined_run_start(text, end)
    budget = min(16, 2 + 3 * english)
    tokens = segmenter.tokens(text[run_start:end])
    best_start, best_cost = end, float("inf")
    words = 0.0
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        start = run_start + token.start
        if token.text in _LEFT_STOPWORDS or end - start > budget:
            break
        if token.kind != "han":
            continue  # the hyphen of 视觉-语言-动作模型
        head = index == len(tokens) - 1 and token.text in TECH_HEADS
        words += 0.5 if head else _word_weight(token.text)  # Chinese adds heads: 混合专家|模型
        cost = abs(words - english)
        if index < len(tokens) - 1 and _opens_no_term(token.text, segmenter):
            cost += 0.6
        if end - start >= 2 and cost <= best_cost:
            best_start, best_cost = start, cost
    return best_start


def _word_weight(word: str) -> float:
    """How many English words a Chinese word stands for: organisation suffixes none
    (枫清|科技), one character half (the affixes: 过|拟合, 遥|操作), two characters one,
    longer words one per two characters (单元测试 ≈ unit test)."""
    if word in ORGANISATION_SUFFIXES:
        return 0.0
    return max(0.5, len(word) / 2) if len(word) != 2 else 1.0


def _joined_run_start(text: str, end: int) -> int:
    """Start of the Han run ending at ``end``, hyphens between Han characters included."""
    start = _han_run_start(text, end)
    while start >= 2 and text[start - 1] == "-" and is_han(text[start - 2]):
        start = _han_run_start(text, start - 1)
    return start


def _opens_no_term(word: str, segmenter: Segmenter) -> bool:
    """A word that introduces a term rather than belongs to it: a verb or adverb of
    everyday language, a numeral, a pronoun or a role (计算, 启用, 百种, 博士生)."""
    if word in TERM_PREFIXES:
        return False  # 后|训练, 大|模型: prefixes open terms
    if word in ROLE_WORDS:
        return True
    tag = segmenter.pos(word)
    if tag is None and len(word) == 2 and word[0] in "一二三四五六七八九十百千万几两每各":
        return True  # 百种, 一份: a number and a measure word jieba did not know
    if tag in ("d", "m", "q", "r", "p", "c", "u", "t", "f", "ad", "vd"):
        return True
    return tag == "v" and segmenter.dictionary_frequency(word) >= _EVERYDAY_VERB


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
    """A parenthesis of two parts.

    * ``大语言模型(Large Language Models,简称 LLMs)``: Chinese on the left, an expansion and
      its acronym inside; the expansion pairs, the acronym rides along;
    * ``PR(Pull Request,合并请求)``: an acronym on the left, its expansion and Chinese
      inside;
    * ``服务网格(Service Mesh,如 Istio 或 Linkerd)``: a term and an aside (如, 例如, 比如,
      包括 …); the term pairs, the aside is ignored.
    """
    parts = [
        _part(text, inner_start, m) for m in re.finditer(r"[^,;、]+", text[inner_start:inner_end])
    ]
    if len(parts) != 2:
        return None
    pieces = [text[s:e] for s, e in parts]
    kinds = [_part_kind(piece) for piece in pieces]
    last = text[left_end - 1]
    if is_han(last) and "expansion" in kinds and "acronym" in kinds:
        expansion = parts[kinds.index("expansion")]
        start = _zh_start(text, left_end, english_units(text[slice(*expansion)]), segmenter)
        if left_end - start < 2:
            return None
        return PairMatch((start, left_end), expansion, parts[kinds.index("acronym")])
    if is_han(last) and kinds[1] == "aside" and kinds[0] in ("expansion", "acronym"):
        start = _zh_start(text, left_end, english_units(pieces[0]), segmenter)
        return PairMatch((start, left_end), parts[0]) if left_end - start >= 2 else None
    if last.isascii() and last.isalnum() and kinds == ["expansion", "chinese"]:
        spans = list(latin_spans(text[:left_end]))
        if spans and spans[-1][1] == left_end and _ACRONYM.fullmatch(text[slice(*spans[-1])]):
            return PairMatch(parts[1], parts[0], spans[-1])
    return None


def _part(text: str, offset: int, match: re.Match[str]) -> tuple[int, int]:
    """The span of one part of a parenthesis, without an abbreviation marker (简称, 即 …)."""
    start, end = _strip_span(text, offset + match.start(), offset + match.end())
    for marker in _ABBREVIATION_MARKERS:
        if text.startswith(marker, start):
            start, end = _strip_span(text, start + len(marker), end)
            break
    while start < end and text[start] in ":：":
        start += 1
    return start, end


_ASIDE_MARKERS = ("如", "例如", "比如", "包括", "譬如", "诸如")


def _part_kind(piece: str) -> str:
    if _ACRONYM.fullmatch(piece) and " " not in piece:
        return "acronym"
    if _is_english(piece):
        return "expansion"
    if piece.startswith(_ASIDE_MARKERS):
        return "aside"
    if _is_chinese(piece):
        return "chinese"
    return "other"
