"""Chinese and mixed-script term candidates: word n-grams of a segmented sentence.

jieba splits new coinages (``大模型`` → ``大``/``模型``, ``数推分离`` → ``数推``/``分离``), so a
candidate is a run of one to four adjacent words. Runs that cross punctuation, start or end
with a function word, or carry no Han character are not candidates. Whether a candidate is
a term is decided later, from corpus-wide statistics (see :mod:`glossary.scoring`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.extract.latin import is_version
from glossary.lexicon import FUNCTION_WORDS, TERM_HEAD_CHARS, TERM_PREFIXES
from glossary.segment import Token
from glossary.text import is_han

MAX_WORDS = 4
MAX_CHARS = 10


def candidate_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """(first, last+1) token index ranges that may be a Chinese or mixed-script term.

    A candidate holds 1–4 adjacent Han or Latin words, one-character prefixes aside
    (多模态大型语言模型, 腾讯混元AI大模型; a version number may close it: ``文心大模型3.5``),
    2–10 characters, at least one Han character, and neither starts nor ends with a function
    word.
    """
    n = len(tokens)
    for first in range(n):
        linked = first + 1 < n and _linking_zhi(tokens, first, first + 1)
        if not _may_start(tokens[first]) and not linked:
            continue
        chars = 0
        words = 0
        has_han = False
        for last in range(first, n):
            token = tokens[last]
            # A one-character prefix is no word of its own (多|模态, 混元AI|大|模型).
            words += token.text not in TERM_PREFIXES
            if words > MAX_WORDS:
                break
            if token.kind not in ("han", "latin", "digit"):
                break
            if last > first and tokens[last - 1].end != token.start:
                break
            if (
                last > first
                and token.kind == "han"
                and token.text in FUNCTION_WORDS
                and token.text not in TERM_PREFIXES
                and not _linking_zhi(tokens, first, last)
            ):
                break  # 大模型也不能, 传神的任度: a function word inside ends the run
            chars += len(token.text)
            if chars > MAX_CHARS:
                break
            has_han = has_han or token.kind == "han"
            if has_han and chars >= 2 and _may_end(tokens, first, last):
                yield first, last + 1


# Words no candidate holds (candidate_spans): a run of words is cut at them.
_RUN_BREAKERS = FUNCTION_WORDS - TERM_PREFIXES - {"之"}


def term_runs(tokens: Sequence[Token]) -> Iterator[list[str]]:
    """The runs of words a candidate's parts can come from: adjacent Han, Latin or digit
    words, cut at punctuation, spaces and function words (之 and prefixes aside).

    Only the word sequences inside these runs are counted (CandidateTable.add_sequences):
    the scorer looks up a candidate's parts without their first or last word, and those
    never hold a function word.
    """
    run: list[str] = []
    for index, token in enumerate(tokens):
        if token.kind in ("han", "latin", "digit") and (
            token.text not in _RUN_BREAKERS
            or (index + 1 < len(tokens) and _linking_zhi(tokens, index, index + 1))
        ):
            run.append(token.text)  # a function word may open a name with 之: 月|之|暗面
        elif run:
            yield run
            run = []
    if run:
        yield run


def _may_start(token: Token) -> bool:
    if token.kind == "latin":
        return True
    return token.kind == "han" and (token.text not in FUNCTION_WORDS or token.text in TERM_PREFIXES)


def _may_end(tokens: Sequence[Token], first: int, last: int) -> bool:
    token = tokens[last]
    if token.kind == "latin":
        return True
    if token.kind == "digit":
        # 文心大模型3.5, 飞星一号-like version tails, never a bare leading number
        return last > first and is_version(token.text)
    if token.text in FUNCTION_WORDS:
        return False
    if len(token.text) == 1 and last > first:
        return is_han(token.text) and (
            token.text in TERM_HEAD_CHARS
            or tokens[last - 1].kind != "han"
            or _split_unknown_word(tokens, first, last)
        )
    return len(token.text) >= 2 or last > first


def _split_unknown_word(tokens: Sequence[Token], first: int, last: int) -> bool:
    """jieba cut a word it does not know into single characters (科大|讯|飞, 文心|一|言)."""
    previous = tokens[last - 1]
    return len(previous.text) == 1 and previous.text not in FUNCTION_WORDS and last - 1 > first


def _linking_zhi(tokens: Sequence[Token], first: int, last: int) -> bool:
    """之 between two short Han words of a four-character name (月之暗面, 光年之外)."""
    if tokens[last].text != "之" or last + 1 >= len(tokens):
        return False
    before, after = tokens[last - 1], tokens[last + 1]
    return (
        last - 1 == first
        and before.kind == "han"
        and after.kind == "han"
        and len(before.text) + len(after.text) == 3
        and after.start == tokens[last].end
    )
