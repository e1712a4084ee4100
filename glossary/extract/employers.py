"""Organisations named as a person's employer in news prose.

News writing introduces people by organisation, title and name, in that order:
``蚂蚁集团副总裁徐鹏``, ``达观数据CEO陈运文``, ``摩尔线程创始人兼CEO张建中``. When a job title is
followed by a name (see :mod:`glossary.extract.names`), the words right before the title
name the organisation — whatever it is called, so names no dictionary holds are found too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.extract.names import name_after
from glossary.lexicon import CONTEXT_WORDS, FUNCTION_WORDS, ROLE_WORDS
from glossary.segment import Segmenter, Token

# At most this many words and characters make the organisation's name.
_MAX_WORDS = 4
_MAX_CHARS = 8
# Joins two titles of one person: 创始人兼CEO.
_TITLE_JOINERS = frozenset({"兼", "及", "和"})
# Words that open a title without being one: 首席|科学家, 联合|创始人.
_TITLE_OPENERS = frozenset("首席 前首席 联合 高级 资深 执行 常务 前".split())
# Nouns that stand for an employer without naming one (该公司CEO, 集团总裁).
_GENERIC_EMPLOYERS = frozenset(
    "公司 集团 企业 团队 部门 机构 行业 学校 大学 学院 政府 银行 平台 项目 实验室 研究院 "
    "研究所 本公司 该公司 母公司 子公司 总部 分公司".split()
)
# jieba tags of words that open a clause rather than a name: time words, verbs, adverbs …
_CLAUSE_TAGS = frozenset({"t", "v", "d", "p", "c", "r", "m", "q", "f", "vd", "ad", "u"})
# … when they are everyday words (近日, 此前, 接受); a rare one may be part of a name (达观).
_EVERYDAY = 1000


def _opens_clause(word: str, segmenter: Segmenter) -> bool:
    return segmenter.pos(word) in _CLAUSE_TAGS and segmenter.dictionary_frequency(word) >= _EVERYDAY


def employer_spans(tokens: Sequence[Token], segmenter: Segmenter) -> Iterator[tuple[int, int]]:
    """Spans (into the sentence) of organisations standing before a title and a name."""
    for index, token in enumerate(tokens):
        if token.text not in ROLE_WORDS or _title_continues(tokens, index - 1):
            continue
        if _name_after_titles(tokens, index) is None:
            continue
        title = index
        while title > 0 and tokens[title - 1].text in _TITLE_OPENERS:
            title -= 1
        span = _name_before_title(tokens, title, segmenter)
        if span is not None:
            yield span


def _title_continues(tokens: Sequence[Token], index: int) -> bool:
    """Whether ``tokens[index]`` is itself part of a title (创始人|兼|CEO, 首席|科学家)."""
    if index < 0:
        return False
    text = tokens[index].text
    return text in ROLE_WORDS or text in _TITLE_JOINERS


def _name_after_titles(tokens: Sequence[Token], index: int) -> tuple[int, int] | None:
    """The name after the title at ``index`` and the titles that follow it (主管合伙人,
    创始人兼CEO)."""
    while index + 1 < len(tokens):
        following = tokens[index + 1].text
        if following in ROLE_WORDS:
            index += 1
        elif (
            following in _TITLE_JOINERS
            and index + 2 < len(tokens)
            and tokens[index + 2].text in ROLE_WORDS
        ):
            index += 2
        else:
            break
    return name_after(tokens, index + 1)


def _name_before_title(
    tokens: Sequence[Token], title: int, segmenter: Segmenter
) -> tuple[int, int] | None:
    """The run of words ending right before ``tokens[title]``, if it stands alone: opened at
    a clause edge (punctuation, the start, a function word, an everyday time word or verb)."""
    first = title
    chars = 0
    while first > 0:
        token = tokens[first - 1]
        if token.kind not in ("han", "latin", "digit") or token.end != tokens[first].start:
            break
        if token.text in FUNCTION_WORDS or token.text in CONTEXT_WORDS:
            if _inside_a_name(tokens, first - 1):
                return None  # 月|之|暗面: a function character inside a name jieba split
            break
        if token.kind == "han" and first < title and _opens_clause(token.text, segmenter):
            break  # 近日|百度, 此前|腾讯: a time word or verb opens the clause
        if title - first == _MAX_WORDS or chars + len(token.text) > _MAX_CHARS:
            return None  # the run goes on: no clear start of the name
        chars += len(token.text)
        first -= 1
    if first == title:
        return None
    words = [t.text for t in tokens[first:title]]
    if not any(t.kind == "han" for t in tokens[first:title]) and len(words) == 1:
        return None  # OpenAI CEO: Latin names are found by the Latin extractor
    if len(words) == 1 and words[0] in _GENERIC_EMPLOYERS:
        return None
    if len(words) == 1 and _opens_clause(words[0], segmenter):
        return None
    return tokens[first].start, tokens[title - 1].end


def _inside_a_name(tokens: Sequence[Token], index: int) -> bool:
    """A one-character function word with a lone Han character glued before it (月之暗面)."""
    if index == 0 or len(tokens[index].text) != 1:
        return False
    before = tokens[index - 1]
    return before.kind == "han" and len(before.text) == 1 and before.end == tokens[index].start
