"""People's names in news prose, found by the words around them.

A name is two or three Han characters opening with a common surname, standing right after a
job title (创始人高雪峰, CEO李笛, 分析师卢冠男) or right before a verb of saying (徐鹏说). The
cue, not a list of names, finds them, so names no dictionary holds are found too.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.lexicon import (
    EDGE_CHARS,
    ROLE_WORDS,
    SPEECH_VERBS,
    SURNAMES,
    TRANSLITERATION_CHARS,
)
from glossary.segment import Token
from glossary.text import is_han

# Characters that open the clause after a name: adverbs and particles (曾, 也, 在, 将 …).
_CLAUSE_CHARS = EDGE_CHARS | frozenset("曾已")


def name_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """Spans (into the sentence) of people's names cued by a title before or a verb of saying
    after them."""
    seen: set[tuple[int, int]] = set()
    for index, token in enumerate(tokens):
        if token.text in ROLE_WORDS:
            span = name_after(tokens, index + 1) or _transliteration_after(tokens, index + 1)
            if span and span not in seen:
                seen.add(span)
                yield span
        elif token.text in SPEECH_VERBS:
            span = _name_before(tokens, index)
            if span and span not in seen:
                seen.add(span)
                yield span


def _transliteration_after(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """A foreign name written in transliteration characters after a title (首席执行官
    萨姆奥特曼, CEO马斯克): whole words, three to six characters, each one of those the
    standard transliteration tables use."""
    end = start
    chars = 0
    while end < len(tokens):
        token = tokens[end]
        joined = end == start or token.start == tokens[end - 1].end
        if token.kind != "han" or not joined or not set(token.text) <= TRANSLITERATION_CHARS:
            break
        chars += len(token.text)
        end += 1
    if end == start or not 3 <= chars <= 6:
        return None
    return tokens[start].start, tokens[end - 1].end


def name_after(tokens: Sequence[Token], start: int) -> tuple[int, int] | None:
    """The 2–3 Han characters from ``tokens[start]`` if they make a name."""
    if start >= len(tokens) or tokens[start].kind != "han":
        return None
    first = tokens[start]
    if first.text[0] not in SURNAMES:
        return None
    text = first.text
    end = first.end
    following = tokens[start + 1] if start + 1 < len(tokens) else None
    if following is not None and following.kind == "han" and following.start == end:
        tail = _name_tail(text, following.text)
        text += tail
        end = following.start + len(tail)
    if not 2 <= len(text) <= 3 or not all(is_han(c) for c in text):
        return None
    if any(c in EDGE_CHARS for c in text[1:]):
        return None
    return first.start, end


def _name_tail(head: str, word: str) -> str:
    """The characters of ``word``, the token after a name's first token ``head``, that
    still belong to the name."""
    if len(head) == 1:
        return word if len(word) <= 2 else ""  # 李|彦宏
    if len(head) != 2 or word in SPEECH_VERBS:
        return ""
    if len(word) == 1:
        return word if word not in EDGE_CHARS else ""  # 卢冠|男: a name jieba split
    if len(word) == 2 and word[1] in _CLAUSE_CHARS and word[0] not in EDGE_CHARS:
        return word[0]  # 张建|中曾在: the last character glued to the next word (not 周明|认为)
    return ""


def _name_before(tokens: Sequence[Token], verb: int) -> tuple[int, int] | None:
    """A 2–3 character name token right before a verb of saying, opened by a surname, at the
    start of a clause."""
    if verb == 0:
        return None
    token = tokens[verb - 1]
    if token.kind != "han" or not 2 <= len(token.text) <= 3 or token.text[0] not in SURNAMES:
        return None
    before = tokens[verb - 2] if verb >= 2 else None
    if before is not None and before.kind == "han" and before.end == token.start:
        return None  # inside a longer phrase: 业内人士表示 is no name
    if any(c in EDGE_CHARS for c in token.text[1:]):
        return None
    return token.start, token.end
