"""Dictionary evidence for where the Chinese side of a stated pair starts.

The word-count fit (:func:`glossary.extract.boundary.zh_start`) knows how many words the
English has, not which: here CC-CEDICT's English glosses move the start it found. Words
before it that render a word of the English the term does not render yet are taken in
(凭证|授权中心 for Certificate Authority), also across a connective the English has (及 for
"and", 即 for "as") and over a function word glossed with a word of the English itself
(字节|对|编码); and when the dictionary explains every word of the term but the English
words that come first, the content word before it is taken in for each (分块 for chunked).
A gloss matches by its stem, an English compound it opens, its first five letters, or a
clipped form (dev for 开发 "develop"). Only a gloss that matches counts: glosses are far
from complete, so a word whose glosses miss the English is no evidence against it.
"""

from __future__ import annotations

import re

from glossary.extract.renderings import ENGLISH_PREFIXES
from glossary.lexicon import (
    COMPLEMENTS,
    DERIVING_SUFFIXES,
    EVERYDAY_VERB,
    GRAMMATICAL_TAGS,
    LEFT_STOPWORDS,
    ROLE_WORDS,
    TECH_HEADS,
)
from glossary.segment import Segmenter, Token
from glossary.text import joined_han_run_start


def glossed_start(text: str, start: int, end: int, english: str, segmenter: Segmenter) -> int:
    """Move the start of the fitted term by what the dictionary says the words mean: take in
    the words before it that render a word of the English no word of the term renders yet
    (凭证|授权中心 for Certificate Authority, 固定|时间步长 for fixed timestep, 向|后兼容性 when
    向后 is glossed "backward"), also across a 及, 与, 和 or 即 where the English has "and" or
    "as", and over a word jieba split in two. A gloss matches by its stem, an English
    compound it opens (热 "hot" for hotfix) or its first five letters. A word that introduces
    terms (通过, a preposition glossed "via") is not taken in. Only a gloss that matches
    counts: glosses are far from complete, so a word whose glosses miss the English is no
    evidence against it."""
    glosses = segmenter.glosses
    wanted = glosses.english_stems(english)
    if not wanted or start >= end:
        return start
    english_words = set(english.casefold().replace("&", " and ").split())
    run_start = joined_han_run_start(text, end)
    tokens = segmenter.tokens(text[run_start:end])
    first = next((i for i, t in enumerate(tokens) if run_start + t.start >= start), len(tokens))
    if first >= len(tokens):
        return start
    covered: set[str] = set()
    for token in tokens[first:]:
        covered |= glosses.stems(token.text) & wanted
    opening = next((glosses.stem(w) for w in _ENGLISH_WORD.findall(english)), "")
    index = first
    while index > 0 and tokens[index - 1].kind == "han":
        word = tokens[index - 1].text
        new: set[str] | frozenset[str] = frozenset()
        if word not in LEFT_STOPWORDS and segmenter.pos(word) not in GRAMMATICAL_TAGS:
            new = _newly_rendered(_glossed(word, segmenter), wanted, covered)
        if not new and index == first:  # a glossed word the segmenter split (向|后)
            new = (glosses.stems(word + tokens[index].text) & wanted) - covered
        step = 1
        # a function word glossed with a word of the English itself (对 "pair", 能 "energy",
        # 同时 "simultaneous"): its own word, not one alike
        literal = (glosses.stems(word) & wanted) - covered
        if not new and literal and len(word) > 1 and literal == {opening}:
            new = literal  # … opening the English: 同时|多轮递增拍卖 for Simultaneous …
        if not new and index >= 2 and tokens[index - 2].kind == "han":
            before = tokens[index - 2].text
            joins = _CONNECTIVES.get(word) in english_words or word in _ASPECT_MARKERS
            if literal and before not in LEFT_STOPWORDS:
                # … or between two words the English has (字节|对|编码 for Byte Pair
                # Encoding, 自由|能|微扰 for Free Energy Perturbation)
                new = _newly_rendered(_glossed(before, segmenter), wanted, covered | literal)
                new = new and new | literal
            elif joins and before not in LEFT_STOPWORDS:
                # the English joins with "and" or "as" what the Chinese joins with 及, 与,
                # 和 or 即 (证券|及|期货事务监察委员会 for Securities and Futures Commission,
                # 基础设施|即|代码 for Infrastructure as Code), or has a form of the word
                # for an aspect marker (读|已|提交 for Read Committed)
                new = _newly_rendered(_glossed(before, segmenter), wanted, covered)
            else:  # ... or a glossed word split before the term (去|中心化 for Decentralised,
                # 运行|时 "run time" for runtime, 抢占|式 "preempt" for preemptive)
                new = _newly_rendered(_glossed(before + word, segmenter), wanted, covered)
            step = 2
        if not new:
            break
        covered |= new
        index -= step
    index = _modifier_start(tokens, index, english, covered, segmenter)
    return run_start + tokens[index].start if index < first else start


def _modifier_start(
    tokens: list[Token],
    index: int,
    english: str,
    covered: set[str],
    segmenter: Segmenter,
) -> int:
    """Take in the modifiers the dictionary does not know, when it explains the rest: every
    word of the term renders a word of the English, and the English words none renders all
    come first (chunked cross-attention: 交叉 "cross", 注意力 "attention", so 分块 is
    "chunked"). One word is taken in for each such English word, as long as it is a
    content word: not a function word, a role, a verb by the dictionary (部署, 写入) or a
    word no dictionary has (经多, which jieba glued)."""
    glosses = segmenter.glosses
    wanted = glosses.english_stems(english)
    order = [stem for stem in map(glosses.stem, _ENGLISH_WORD.findall(english)) if stem in wanted]
    while index > 0 and _explained(tokens[index:], wanted, segmenter):
        first_covered = next((i for i, stem in enumerate(order) if stem in covered), len(order))
        front = [stem for stem in order[:first_covered] if stem not in covered]
        # a one-character word the dictionary does not gloss so may stand for one (空|指针)
        affixes = sum(
            len(t.text) == 1 and not _renders_some(t.text, wanted, segmenter)
            for t in tokens[index:]
            if t.kind == "han"
        )
        if len(front) <= affixes or any(stem not in covered for stem in order[first_covered:]):
            return index
        if not _modifier(tokens[index - 1], segmenter):
            return index
        covered.add(front[-1])
        index -= 1
    return index


_ENGLISH_WORD = re.compile("[A-Za-z]{3,}")


def _explained(term: list[Token], wanted: frozenset[str], segmenter: Segmenter) -> bool:
    """Whether every word of the term renders a word of the English (one character
    affixes aside; the head may be a generic one the English leaves out: 空闲|模式)."""
    words = [token.text for token in term if token.kind == "han"]
    if not words:
        return False
    return all(
        _renders_some(word, wanted, segmenter)
        or len(word) == 1
        or (position == len(words) - 1 and word in TECH_HEADS)
        for position, word in enumerate(words)
    )


def _renders_some(word: str, wanted: frozenset[str], segmenter: Segmenter) -> bool:
    return bool(_newly_rendered(_glossed(word, segmenter), wanted, set()))


def _modifier(token: Token, segmenter: Segmenter) -> bool:
    """Whether ``token`` may be a modifier of the term after it (see _modifier_start)."""
    word = token.text
    tag = segmenter.pos(word)
    frequency = segmenter.dictionary_frequency(word)
    return not (
        token.kind != "han"
        or not 2 <= len(word) <= 3
        or word in LEFT_STOPWORDS
        or word in ROLE_WORDS
        or tag in GRAMMATICAL_TAGS
        or tag in _NOT_MODIFIERS
        or (tag == "v" and frequency >= EVERYDAY_VERB)
        or segmenter.glosses.verbal(word)
        or word[-1] in COMPLEMENTS
        or not (frequency or segmenter.glosses.stems(word))
    )


_NOT_MODIFIERS = frozenset({"d", "t", "f", "vd", "ad"})  # adverbs, times, places


# Words that join two parts of one name, and the English word that does the same.
_CONNECTIVES = {"及": "and", "与": "and", "和": "and", "以及": "and", "即": "as"}
# Aspect and negation inside a term, which English renders with a form of the word
# (读|已|提交 for Read Committed, 读|未|提交 for Read Uncommitted).
_ASPECT_MARKERS = frozenset("已未")


def _glossed(word: str, segmenter: Segmenter) -> frozenset[str]:
    """The gloss stems of ``word``, or of what it derives from (生成式: 生成's)."""
    stems = segmenter.glosses.stems(word)
    if not stems and len(word) > 2 and word[-1] in DERIVING_SUFFIXES:
        stems = segmenter.glosses.stems(word[:-1])
    return stems


def _newly_rendered(stems: frozenset[str], wanted: frozenset[str], covered: set[str]) -> set[str]:
    """The English stems, not yet covered, that ``stems`` render: the same stem, a compound
    one opens (热 "hot" for hotfix) or a form alike (变异 "variation" for variant)."""
    left = wanted - covered
    return (
        set(stems & left)
        or _compounds_opened(stems, left)
        or _alike(stems, left)
        or _clipped(stems, left)
    )


def _clipped(stems: frozenset[str], english: frozenset[str] | set[str]) -> set[str]:
    """The English words that are a clipped form of one of ``stems`` (dev for 开发
    "develop", config for 配置 "configuration"); not a prefix (pre is no clipped prefix).
    """
    return {
        word
        for word in english
        if len(word) >= 3
        and word not in ENGLISH_PREFIXES
        and any(len(stem) >= len(word) + 2 and stem.startswith(word) for stem in stems)
    }


def _alike(stems: frozenset[str], english: frozenset[str] | set[str]) -> set[str]:
    """The English stems that share their first five letters with one of ``stems``: other
    forms the stemmer does not bring together (变异 "variation" for variant)."""
    openings = {stem[:_ALIKE] for stem in stems if len(stem) >= _ALIKE}
    return {word for word in english if word[:_ALIKE] in openings}


_ALIKE = 5  # letters


def _compounds_opened(stems: frozenset[str], english: frozenset[str] | set[str]) -> set[str]:
    """The English compounds that one of ``stems`` opens (热 "hot" for hotfix)."""
    return {
        word
        for word in english
        if any(
            len(stem) >= 3 and len(word) > len(stem) + 1 and word.startswith(stem) for stem in stems
        )
    }
