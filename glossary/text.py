"""Text normalisation and sentence splitting with offsets.

Every function here keeps character offsets intact: :func:`fold_width` maps one character to
one character, so a match found in folded text points at the same slice of the original.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import cache, lru_cache

from glossary.models import Document, Sentence

# Full-width ASCII (U+FF01–U+FF5E) and the ideographic space fold to their ASCII forms.
_WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_WIDTH_TABLE.update({0x3000: 0x20, 0x00A0: 0x20, 0x2002: 0x20, 0x2003: 0x20, 0x2009: 0x20})
_WIDE = re.compile("[" + "".join(map(chr, _WIDTH_TABLE)) + "]")
_NARROW = {chr(code): chr(folded) for code, folded in _WIDTH_TABLE.items()}

# Sentence ends: Chinese and ASCII full stops, question and exclamation marks, semicolons.
_SENTENCE_END = frozenset("。！？!?；;…")
# Closing marks that belong to the sentence they follow.
_CLOSERS = frozenset("”’」』》)]）】\"'")
_OPENERS = "([（【"
_CLOSE_PARENS = ")]）】"
_OUTSIDE_MARK = re.compile(
    f"[{re.escape(_OPENERS)}]"
    f"|[{re.escape(''.join(sorted(_SENTENCE_END)))}]"
    f"[{re.escape(''.join(sorted(_CLOSERS | _SENTENCE_END)))}]*"
)
_INSIDE_MARK = re.compile(f"[{re.escape(_OPENERS + _CLOSE_PARENS)}]")


def fold_width(text: str) -> str:
    """Fold full-width ASCII and odd spaces to their half-width forms, one char for one.

    >>> fold_width("（ＨＴＸ　）")
    '(HTX )'
    """
    # Only the characters that change are looked up: str.translate looks every character
    # of a non-ASCII text up in its table, three times slower (5 % of extraction).
    return _WIDE.sub(_narrow, text)


def _narrow(match: re.Match[str]) -> str:
    return _NARROW[match.group()]


def is_han(char: str) -> bool:
    """True for a CJK unified ideograph (the common and extension-A blocks).

    >>> is_han("智"), is_han("A"), is_han("、")
    (True, False, False)
    """
    code = ord(char)
    return 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0xF900 <= code <= 0xFAFF


def is_latin(char: str) -> bool:
    """True for an ASCII letter or digit (after :func:`fold_width`).

    >>> is_latin("G"), is_latin("4"), is_latin("智")
    (True, True, False)
    """
    return char.isascii() and char.isalnum()


def split_sentences(document: Document) -> Iterator[Sentence]:
    r"""Split a document into sentences, line by line, never across a line break.

    A sentence ends after 。！？!?；; (and any closing quotes or brackets after them), but
    not inside parentheses, so a parenthetical stays with the words it explains. Leading and
    trailing white space is trimmed; empty sentences are dropped. Code fenced by ``` or ~~~
    (in READMEs and tutorials) is not prose and yields no sentence. As in CommonMark, a fence
    opens with at most a language name and attributes after the marker and closes with the
    marker alone; a marker followed by prose is text, and so is a fence no later line
    closes (a stray ``` in a plain-text file would hide the rest of it).

    >>> text = "安装:\n```bash\npip install torch\n```\n然后训练模型。"
    >>> [(s.line, s.text) for s in split_sentences(Document("a.md", text, "utf-8"))]
    [(1, '安装:'), (5, '然后训练模型。')]
    >>> text = "``` 这是中文手册页。\n请到网站查看。"
    >>> [(s.line, s.text) for s in split_sentences(Document("a.txt", text, "utf-8"))]
    [(1, '``` 这是中文手册页。'), (2, '请到网站查看。')]
    """
    index = 0
    fence: str | None = None  # the fence of the code block we are in
    last_closers = _last_closers(document.text)
    for line_number, line in enumerate(_lines(document.text), start=1):
        marker = line.lstrip()[:3]
        if fence is not None:  # in a code block, until its own marker alone closes it
            if marker == fence and _FENCE_CLOSER.fullmatch(line):
                fence = None
            continue
        if last_closers.get(marker, 0) > line_number and _FENCE_OPENER.fullmatch(line):
            fence = marker  # a block closed further on
            continue
        for start, end in _sentence_spans(line):
            yield Sentence(document.source, line_number, line[start:end], index)
            index += 1


class SentenceReader:
    r"""A document's sentences in order, each with whether the document had its text before
    (a summary, a banner repeated): split once, however many parts of the document are then
    asked for in turn, where reading each part from the start would split the text before
    it again (the square of a large document's length, over its sections).

    >>> reader = SentenceReader(Document("a.txt", "甲。乙。\n甲。\n丙。", "utf-8"))
    >>> [(s.line, s.text, repeated) for s, repeated in reader.up_to(3)]
    [(1, '甲。', False), (1, '乙。', False), (2, '甲。', True)]
    >>> reader.can_start(reader.document, 2), reader.can_start(reader.document, 3)
    (False, True)
    >>> [(s.line, s.text, repeated) for s, repeated in reader.up_to(None)]
    [(3, '丙。', False)]
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._sentences = split_sentences(document)
        self._next: Sentence | None = None  # split already, on a line not asked for yet
        self._seen: set[str] = set()
        self._last_line = 0  # of the last sentence handed out

    def can_start(self, document: Document, first: int) -> bool:
        """Whether this reader can hand out ``document``'s sentences from line ``first``
        on: none of them has been handed out yet."""
        return document is self.document and first > self._last_line

    def up_to(self, end: int | None) -> Iterator[tuple[Sentence, bool]]:
        """The sentences after those handed out so far and on lines before ``end`` (every
        one left, for None), each with whether its text came before in the document."""
        seen = self._seen
        while True:
            sentence = self._next
            if sentence is None:
                sentence = next(self._sentences, None)
                if sentence is None:
                    return
            self._next = None
            if end is not None and sentence.line >= end:
                self._next = sentence
                return
            text = sentence.text
            repeated = text in seen
            seen.add(text)
            self._last_line = sentence.line
            yield sentence, repeated


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text``, one at a time: a large document's are not all held at once."""
    start = 0
    end = text.find("\n")
    while end >= 0:
        yield text[start:end]
        start = end + 1
        end = text.find("\n", start)
    yield text[start:]


# A fence's opening line: the marker, then nothing, or a language name (python, c++,
# objective-c) and perhaps attributes; its closing line: the marker alone.
_FENCE_OPENER = re.compile(r"\s*(?:`{3,}|~{3,})\s*(?:[A-Za-z0-9_+#.-]+(?:\s[^\n]*)?)?")
_FENCE_CLOSER = re.compile(r"^[^\S\n]*(`{3,}|~{3,})[^\S\n]*$", re.MULTILINE)


def _last_closers(text: str) -> dict[str, int]:
    """The line number of the last line that could close a fence, for each marker."""
    if "```" not in text and "~~~" not in text:  # most text: no regular expression run
        return {}
    last = {match.group(1)[:3]: match.start() for match in _FENCE_CLOSER.finditer(text)}
    return {marker: text.count("\n", 0, start) + 1 for marker, start in last.items()}


def _sentence_spans(line: str) -> Iterator[tuple[int, int]]:
    # Only the marks that matter are looked at, found by regular expression: a character
    # loop cost 6 % of extraction. Outside parentheses a closing one changes nothing, and a
    # sentence end takes the closing marks after it; inside, only parentheses matter.
    depth = 0
    start = 0
    position = 0
    while True:
        match = (_OUTSIDE_MARK if depth == 0 else _INSIDE_MARK).search(line, position)
        if match is None:
            break
        char = line[match.start()]
        position = match.end()
        if char in _OPENERS:
            depth += 1
        elif char in _CLOSE_PARENS:
            depth -= 1
        else:
            yield from _trimmed(line, start, position)
            start = position
    yield from _trimmed(line, start, len(line))


def _trimmed(line: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and line[start].isspace():
        start += 1
    while end > start and line[end - 1].isspace():
        end -= 1
    if end > start:
        yield start, end


_SPACE_RUN = re.compile(r"\s+")
_CJK_LATIN_SPACE = re.compile(
    r"(?<=[\u4e00-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\u4e00-\u9fff])"
)
# CJK unified ideographs: NFKC, case folding and the space and dash rules leave them as
# they are (the compatibility ideographs from U+F900 are not in this range).
_UNIFIED_HAN = re.compile("[\u4e00-\u9fff]+")
_DASHES = re.compile(r"[\-‐‑‒–—_]")


@cache
def _t2s() -> object:
    import opencc  # lazy: only extraction and key-making need it

    return opencc.OpenCC("t2s")


@cache
def _t2s_tables() -> tuple[dict[int, str], re.Pattern[str]]:
    """OpenCC's ``t2s`` character table (first rendering of each character) and a pattern
    matching any entry of its phrase table."""
    characters: dict[int, str] = {}
    for source, target in _opencc_table("TSCharacters.txt"):
        characters[ord(source)] = target
    phrases = sorted((source for source, _ in _opencc_table("TSPhrases.txt")), key=len)
    return characters, re.compile("|".join(map(re.escape, reversed(phrases))))


def _opencc_table(name: str) -> Iterator[tuple[str, str]]:
    """(source, first target) rows of one of OpenCC's dictionary files."""
    from pathlib import Path

    import opencc

    folder = Path(opencc.__file__).with_name("dictionary")
    for line in (folder / name).read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if source:
            yield source, targets.split(" ")[0] if targets else ""


@cache
def _traditional_characters() -> frozenset[str]:
    """Every character OpenCC's ``t2s`` may change (from its character and phrase tables):
    a text with none of them is already Simplified, and converting it is skipped."""
    changing: set[str] = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        for source, target in _opencc_table(name):
            if len(source) == len(target):
                changing.update(a for a, b in zip(source, target, strict=True) if a != b)
            else:
                changing.update(source)
    return frozenset(changing)


def load_conversion_tables() -> None:
    """Read OpenCC's tables now rather than when first needed (see :func:`to_simplified`)."""
    _traditional_characters()
    _t2s_tables()


def to_simplified(text: str) -> str:
    """Convert Traditional characters to Simplified (OpenCC ``t2s``); text with no character
    ``t2s`` would change (all ASCII, or already Simplified) passes through untouched.

    >>> to_simplified("智能體與資料"), to_simplified("智能体")
    ('智能体与资料', '智能体')
    """
    if text.isascii() or _traditional_characters().isdisjoint(text):
        return text
    characters, phrases = _t2s_tables()
    if phrases.search(text) is None:
        # No phrase of OpenCC's table (乾坤, 瞭解 …) occurs here: its conversion is
        # character by character, which str.translate does in C (OpenCC's own segmenter is
        # pure Python and several times slower than the rest of extraction).
        return text.translate(characters)
    return str(_t2s().convert(text))  # type: ignore[attr-defined]


def looks_traditional(text: str, sample: int = 600) -> bool:
    """True when a text is written in Traditional characters (judged on its beginning).

    >>> looks_traditional("智能體可以自主規劃任務"), looks_traditional("智能体可以自主规划任务")
    (True, False)
    """
    han = "".join(c for c in text[: sample * 20] if is_han(c))[:sample]
    if not han:
        return False
    changed = sum(1 for a, b in zip(han, to_simplified(han), strict=False) if a != b)
    return changed >= max(2, len(han) // 100)


def simplified_same_length(text: str) -> str:
    """``text`` in Simplified characters if that keeps every offset, else ``text`` itself.

    jieba is trained on Simplified text; segmenting the Simplified form of a Traditional
    sentence and reading surfaces back from the original keeps both right.
    """
    converted = to_simplified(text)
    return converted if len(converted) == len(text) else text


@lru_cache(maxsize=1 << 18)
def canonical_key(surface: str) -> str:
    """The key under which surface variants of one term are grouped.

    Case, width, hyphen/space/underscore, spaces between scripts and Traditional/Simplified
    differences all fold away.

    >>> canonical_key("Scaling-Law") == canonical_key("ｓｃａｌｉｎｇ law")
    True
    >>> canonical_key("生成式 AI")
    '生成式ai'
    """
    # Two shortcuts to what folded_key gives, for the surfaces most often seen: Han alone,
    # and ASCII letters and digits alone (nothing there to normalise, join or convert).
    if _UNIFIED_HAN.fullmatch(surface):
        return to_simplified(surface)
    if surface.isascii() and surface.isalnum():
        return surface.casefold()
    return folded_key(surface)


def folded_key(surface: str) -> str:
    """:func:`canonical_key` step by step: NFKC, dashes and underscores to spaces, runs of
    spaces to one, no space between Han and Latin, Simplified and case-folded."""
    text = unicodedata.normalize("NFKC", surface)
    text = _DASHES.sub(" ", text)
    text = _SPACE_RUN.sub(" ", text).strip()
    text = _CJK_LATIN_SPACE.sub("", text)
    return to_simplified(text).casefold()


def script_of(surface: str) -> str:
    """``zh`` (Han only), ``en`` (no Han) or ``mixed``.

    >>> script_of("智能体"), script_of("GPT-4"), script_of("生成式AI")
    ('zh', 'en', 'mixed')
    """
    has_han = any(is_han(c) for c in surface)
    has_latin = any(c.isascii() and c.isalpha() for c in surface)
    if has_han and has_latin:
        return "mixed"
    return "zh" if has_han else "en"


def han_run_start(text: str, end: int, extra: str = "") -> int:
    """Where the run of Han characters (and of ``extra`` ones) that ends at ``end`` starts.

    >>> han_run_start("用 GPT-4 做尺度定律", 13), han_run_start("大模型·智能体", 7, "·")
    (8, 0)
    """
    start = end
    while start > 0 and (is_han(text[start - 1]) or text[start - 1] in extra):
        start -= 1
    return start


def joined_han_run_start(text: str, end: int) -> int:
    """:func:`han_run_start`, hyphens between Han characters included (视觉-语言-动作模型)."""
    start = han_run_start(text, end)
    while start >= 2 and text[start - 1] == "-" and is_han(text[start - 2]):
        start = han_run_start(text, start - 1)
    return start
