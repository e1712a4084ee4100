"""Bilingual pairs the text states itself: ``尺度定律(Scaling Law)``, ``Token(词元)``.

The text is width-folded first, so ``（）`` and ``()`` are one case. For each parenthesis the
inside is classified (English, Chinese, acronym with expansion, or anything else, which
yields nothing), and the term on its left is delimited. The left boundary is the whole game:

* English on the left, Chinese inside: the Latin term that ends at the parenthesis
  (``PaaS层(平台层)`` pairs ``PaaS`` with ``平台层`` because both share the head ``层``);
* Chinese on the left, English inside: a coordinated list matching an acronym letter for
  letter (``科学、技术、工程和数学(STEM)``), a person's name, or the words that fit the
  English (see :mod:`glossary.extract.boundary`);
* a mixed term on the left whose Latin part the English repeats (``生成式 AI(Generative AI)``).

A parenthesis with Chinese on both sides, a date, a formula, a caption or a contact line is
not a translation and yields nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from glossary.extract.boundary import NAME_DOTS, cued_name, dotted_name, term_start, zh_start
from glossary.extract.latin import latin_spans
from glossary.extract.renderings import ACRONYM, has_number
from glossary.lexicon import EVERYDAY_VERB, LEFT_STOPWORDS
from glossary.segment import Segmenter
from glossary.text import han_run_start, is_han

_PAREN = re.compile(r"\(([^()]{1,90})\)")  # room for a six-word expansion and its acronym
# Latin letters with their accented forms (Schrödinger equation, Poincaré); a hyphen or an
# en dash joins words (Diffie–Hellman).
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿ"
# A number may open it when a letter follows at once (3D IC, 2PL), not a unit (128K, 300ms),
# and so may an ordinal (3rd Generation Partnership Project) and a number joined to a word
# by a hyphen (8-bit fixed-point quantization, 2-phase commit).
_DIGIT_OPENING = (
    r"(?:\d(?=[A-Z]{1,3}\b|[A-Z]{1,3}[ \-])|\d{1,2}(?:st|nd|rd|th) |\d{1,3}-(?=[A-Za-z]))?"
)
_ENGLISH = re.compile(
    rf"{_DIGIT_OPENING}[{_LETTER}][{_LETTER}0-9.\-–'’&+ ]*[{_LETTER}0-9+]|[A-Za-z]"
)
# A Chinese inside; a lone letter and a hyphen may open it (K-平均演算法).
_ZH_INSIDE = re.compile(r"(?:[A-Za-z]-)?[\u4e00-\u9fff·][\u4e00-\u9fff·A-Za-z0-9 \-]*")
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
_CLOSING_QUOTES = "”’\"'」』"
_MAX_ENGLISH_WORDS = 6
_DIGIT_ACRONYM = re.compile(r"\d[A-Z]{2,4}")  # 2PL, 3DES
# jieba tags of Chinese insides that gloss rather than translate: places and times (OpenAI(美国)).
_NOT_RENDERINGS = frozenset({"ns", "t", "m"})
_MAX_ZH_INSIDE = 12


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
        if is_han(last) or last in NAME_DOTS:
            zh = _zh_left(text, left_end, inner, segmenter)
            return PairMatch(zh, (inner_start, inner_end)) if zh else None
        if last.isascii() and last.isalnum():
            zh = _mixed_left(text, left_end, inner, segmenter)
            return PairMatch(zh, (inner_start, inner_end)) if zh else None
        return None
    if _is_chinese(inner):
        en = _latin_left(text, left_end, inner)
        if en is None:
            return None
        # a gloss, unless the dictionary renders the English so (entanglement(纠缠))
        if _gloss(inner, segmenter) and not segmenter.glosses.renders(inner, text[slice(*en)]):
            return None
        return PairMatch((inner_start, inner_end), en)
    mixed = _LATIN_THEN_CHINESE.fullmatch(inner)
    if mixed and _is_chinese(mixed[2]):
        # the Chinese name keeps a Latin word of the English: JVM(Java 虚拟机),
        # KSP(Kotlin 符号处理), CTF Wiki(CTF 百科)
        en = _latin_left(text, left_end, mixed[2])
        if en is not None and _keeps_latin(text[slice(*en)], mixed[1]):
            return PairMatch((inner_start, inner_end), en)
    numbered = _NUMBERED_CHINESE.fullmatch(inner)
    if numbered and _is_chinese(numbered[2]):
        # a number the English has too opens the Chinese term: FP8(8 位浮点数)
        en = _latin_left(text, left_end, numbered[2])
        if en is not None and has_number(text[slice(*en)], numbered[1]):
            return PairMatch((inner_start, inner_end), en)
    return _acronym_pair(text, left_end, inner_start, inner_end, segmenter)


_NUMBERED_CHINESE = re.compile(r"(\d+) ?(\S+)")


def _keeps_latin(english: str, latin: str) -> bool:
    """Whether a Chinese name that opens with ``latin`` can render ``english``: the
    acronym's first letter (JVM, Java) or the English's first word (CTF Wiki, CTF)."""
    if ACRONYM.fullmatch(english):
        return english[0].casefold() == latin[0].casefold()
    return english.split(maxsplit=1)[0].casefold() == latin.casefold()


_LATIN_THEN_CHINESE = re.compile(r"([A-Za-z][A-Za-z0-9+#]*) ?([\u4e00-\u9fff].*)")


def _gloss(inner: str, segmenter: Segmenter) -> bool:
    """A Chinese inside that comments rather than translates: a place or a time
    (OpenAI(美国)), a lone everyday verb or adverb (Docker(推荐)), or a reference
    (详见 LICENSE 文件, 见图2)."""
    if inner.startswith(_REFERENCE_MARKERS) or inner.startswith(_ALIAS_MARKERS):
        return True
    tag = segmenter.pos(inner)
    if tag in _NOT_RENDERINGS:
        return True
    return tag in ("v", "d", "a", "ad") and segmenter.dictionary_frequency(inner) >= EVERYDAY_VERB


# Another name of the same thing, not its translation: TanStack Query(原名 React Query).
_ALIAS_MARKERS = (
    "原名",
    "又名",
    "旧称",
    "曾用名",
    "前身",
    "简称",
    "以下简称",
    "下称",
    "亦称",
    "源自",
    "来自",
    "出自",
    "现名",
    "改名为",
)
# 图 and 表 only as captions (图为, 图片来源): 图形处理器, 表示学习 are terms.
_REFERENCE_MARKERS = (
    "见",
    "详见",
    "参见",
    "参考",
    "注",
    "下同",
    "图为",
    "图片",
    "图源",
    "表为",
    "来源",
    "摄",
)


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if text.endswith(_COMPANY_ABBREVIATIONS, start, end):
        end -= 1  # NVIDIA Corp.: the stop of an abbreviation is no part of the name
    return start, end


_COMPANY_ABBREVIATIONS = (" Corp.", " Inc.", " Ltd.", " Co.", " Plc.", " Jr.", " Bros.")


def _is_english(inner: str) -> bool:
    """A Latin-script term of at most six words: not a date, a number, a sentence, an
    identifier (ISO 26262, CVE-2026-1234, RFC 7231) or a dotted name from code or the web
    (enable.auto.commit, docs.example.com)."""
    return (
        bool(_ENGLISH.fullmatch(inner))
        and len(inner.split()) <= _MAX_ENGLISH_WORDS
        and not _IDENTIFIER.search(inner)
        and not _DOTTED.fullmatch(inner)
    )


# A number of three digits or more standing alone in the English: an identifier.
_IDENTIFIER = re.compile(r"(?<![A-Za-z0-9.])\d[\d.]{2,}(?![A-Za-z])")
_DOTTED = re.compile(r"[a-z0-9_]+(?:\.[a-z0-9_]+)+")


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
    if not spans or spans[-1][1] != left_end or _VERSION.fullmatch(text[slice(*spans[-1])]):
        return None  # 0.9.x(预览版): a version number is no term
    if _NUMBER_BEFORE.search(text, 0, spans[-1][0]):
        return None  # 10 mK(比宇宙背景辐射还冷): a unit after a number
    return spans[-1]


_NUMBER_BEFORE = re.compile(r"\d ?$")


_VERSION = re.compile(r"v?\d+(?:\.(?:\d+|x))+", re.IGNORECASE)


def _mixed_left(
    text: str, left_end: int, inner: str, segmenter: Segmenter
) -> tuple[int, int] | None:
    """``生成式 AI(Generative AI)``: a Chinese modifier plus a Latin word the English repeats."""
    spans = list(latin_spans(text[:left_end]))
    if not spans or spans[-1][1] != left_end:
        return None
    latin_start = spans[-1][0]
    latin, english = text[latin_start:left_end].casefold(), inner.casefold()
    # The English repeats the Latin word (生成式 AI(Generative AI)), or is an acronym of
    # one or two letters more (双向 TLS(mTLS)); the Chinese before renders the rest.
    extra = english[: -len(latin)] if english.endswith(latin) and " " not in english else ""
    if latin == english or (latin not in english.split() and not 1 <= len(extra) <= 2):
        return None
    han_end = latin_start
    if han_end > 0 and text[han_end - 1] == " ":
        han_end -= 1
    if han_end == 0 or not is_han(text[han_end - 1]):
        return None
    start = zh_start(text, han_end, "", segmenter, units=max(1, len(extra)))
    return (start, left_end) if start < han_end else None


def _zh_left(text: str, left_end: int, inner: str, segmenter: Segmenter) -> tuple[int, int] | None:
    quoted = _quoted_term(text, left_end)
    if quoted is not None:
        return quoted
    listed = _coordinated_list(text, left_end, inner, segmenter)
    if listed is not None:
        return listed, left_end
    if text[left_end - 1] in NAME_DOTS:
        return None
    name = dotted_name(text, left_end, segmenter)
    if name is None:
        name = cued_name(text, left_end, inner, segmenter)
    if name is not None:
        return name, left_end
    start = term_start(text, left_end, inner, segmenter)
    if start is None or _lone_verb(text[start:left_end], inner, segmenter):
        return None
    return start, left_end


def _lone_verb(zh: str, english: str, segmenter: Segmenter) -> bool:
    """An everyday verb alone beside a name it does not render: a note, not a translation
    (部分支持(Spring AOT) in a table of features; but 驱逐(eviction) is one)."""
    return (
        any(c.isupper() for c in english)
        and segmenter.pos(zh) == "v"
        and segmenter.dictionary_frequency(zh) >= EVERYDAY_VERB
        and segmenter.glosses.verbal(zh)
        and not segmenter.glosses.renders(zh, english)
    )


def _quoted_term(text: str, left_end: int) -> tuple[int, int] | None:
    """The quoted words when a closing quote follows ``left_end``: the writer marked the
    term's extent (把它称作「幽灵般的超距作用」(spooky action at a distance)), so no fit
    is needed. Not a quoted clause: one with a comma or a stop inside is left to the fit."""
    if left_end >= len(text) or text[left_end] not in _CLOSING_QUOTES:
        return None
    opening = text.rfind(_OPENING_QUOTES[text[left_end]], 0, left_end)
    if opening < 0 or left_end - opening - 1 > _MAX_QUOTED:
        return None
    quoted = text[opening + 1 : left_end]
    if len(quoted) < 2 or not any(map(is_han, quoted)) or any(c in _CLAUSE_MARKS for c in quoted):
        return None
    return opening + 1, left_end


_OPENING_QUOTES = {"”": "“", "’": "‘", '"': '"', "'": "'", "」": "「", "』": "『"}
_MAX_QUOTED = 16  # characters: a quoted term, not a quoted sentence
_CLAUSE_MARKS = frozenset("，,。；;：:！!？?、")


def _coordinated_list(text: str, end: int, inner: str, segmenter: Segmenter) -> int | None:
    """``科学、技术、工程和数学(STEM)``: as many listed items as the acronym has letters."""
    if not ACRONYM.fullmatch(inner) or not inner.isupper():
        return None
    start = han_run_start(text, end, "、")
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
    while words and len(words[-1]) + len(item) <= longest and words[-1] not in LEFT_STOPWORDS:
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
    comma = len(parts) == 3 and _comma_expansion(text, parts)
    if comma:
        parts = [(parts[0][0], parts[1][1]), parts[2]]  # Buy Now, Pay Later, BNPL
    if len(parts) != 2:
        return None
    pieces = [text[s:e] for s, e in parts]
    kinds = ["expansion", "acronym"] if comma else [_part_kind(piece) for piece in pieces]
    if kinds == ["expansion", "expansion"] and _short_form(pieces[1], pieces[0]):
        kinds[1] = "acronym"  # Decentralised Finance, DeFi; single-cell RNA sequencing, scRNA-seq
    if kinds == ["other", "acronym"] and _long_expansion(pieces[0], pieces[1]):
        kinds[0] = "expansion"  # University of Science and Technology of China, USTC
    last = text[left_end - 1]
    if is_han(last) and "expansion" in kinds and "acronym" in kinds:
        expansion = parts[kinds.index("expansion")]
        quoted = _quoted_term(text, left_end)
        start = (
            quoted[0] if quoted else term_start(text, left_end, text[slice(*expansion)], segmenter)
        )
        if start is None:
            return None
        return PairMatch((start, left_end), expansion, parts[kinds.index("acronym")])
    if is_han(last) and kinds[1] == "aside" and kinds[0] in ("expansion", "acronym"):
        start = term_start(text, left_end, pieces[0], segmenter)
        return PairMatch((start, left_end), parts[0]) if start is not None else None
    if last.isascii() and last.isalnum() and "expansion" in kinds and "acronym" in kinds:
        # 视觉 Transformer(Vision Transformer, ViT): a mixed term, its expansion and acronym
        expansion = parts[kinds.index("expansion")]
        zh = _mixed_left(text, left_end, text[slice(*expansion)], segmenter)
        return PairMatch(zh, expansion, parts[kinds.index("acronym")]) if zh else None
    if last.isascii() and last.isalnum() and kinds == ["expansion", "chinese"]:
        spans = list(latin_spans(text[:left_end]))
        if spans and spans[-1][1] == left_end and ACRONYM.fullmatch(text[slice(*spans[-1])]):
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


def _short_form(short: str, full: str) -> bool:
    """Whether ``short`` abbreviates ``full`` though it is no one-word all-capitals acronym:
    one word, or words each in capitals or taken from the full form, under half as long
    (three fifths with a word taken over), opening with the full form's first letter and
    with a capital after it (DeFi, mBridge, scRNA-seq, eHKD, PCI DSS, AI RMF, AI Act for
    Artificial Intelligence Act, GHG Protocol for Greenhouse Gas Protocol)."""
    words = short.split()
    full_words = {word.casefold() for word in full.split()}
    taken = [w for w in words if w.casefold() in full_words]
    return (
        (len(words) == 1 or all(w.isupper() or w in taken for w in words))
        and len(short) < len(full) * (_TAKEN_OVER_RATIO if taken else 0.5)
        and short[0].casefold() == full[0].casefold()
        and any(c.isupper() for c in short[1:])
    )


_TAKEN_OVER_RATIO = 0.6


def _comma_expansion(text: str, parts: list[tuple[int, int]]) -> bool:
    """Whether two English parts and an acronym are one expansion with a comma in it and
    its acronym (Buy Now, Pay Later, BNPL): the acronym spells the parts' initials."""
    first, second, last = (text[start:end] for start, end in parts)
    if not (_is_english(first) and _is_english(second) and ACRONYM.fullmatch(last)):
        return False
    return _long_expansion(f"{first} {second}", last)


def _long_expansion(full: str, acronym: str) -> bool:
    """Whether ``full`` is English longer than a term usually is, but spelled out by the
    acronym beside it: its capitals are the initials of the capitalised words, in order."""
    if not _ENGLISH.fullmatch(full) or len(full.split()) > _MAX_EXPANSION_WORDS:
        return False
    initials = "".join(w[0] for w in re.split(r"[\s\-]+", full) if w[:1].isupper())
    return initials.startswith("".join(c for c in acronym if c.isupper()))


_MAX_EXPANSION_WORDS = 12


def _part_kind(piece: str) -> str:
    if (ACRONYM.fullmatch(piece) or _DIGIT_ACRONYM.fullmatch(piece)) and " " not in piece:
        return "acronym"
    if _is_english(piece):
        return "expansion"
    if piece.startswith(_ASIDE_MARKERS):
        return "aside"
    if _is_chinese(piece):
        return "chinese"
    return "other"
