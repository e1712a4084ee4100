"""Corpus evidence for where the Chinese side of a stated pair starts.

One sentence cannot always tell a verb that takes the term as its object (支持|热更新(OTA),
上|云原生(Cloud Native)) from a word of the term itself (反向|传播(Backpropagation)): the
pair finder fits word counts, and a verb jieba glued to the term (上云|原生) escapes it.
The corpus can: a Chinese side seen nowhere but in its pair, opening with a common verb,
a preposition, an adverb or a conjunction, whose rest is a coinage (no word of jieba's
dictionary) used on its own elsewhere, is refiled under that rest. The rest must be a
coinage: 合并|请求, 执行|计划 and 后|训练 open with verbs too, but 请求, 计划 and 训练 are
everyday words that the term narrows.
"""

from __future__ import annotations

from glossary.candidates import CandidateTable
from glossary.lexicon import DERIVING_SUFFIXES
from glossary.segment import Segmenter
from glossary.text import is_han

# jieba tags of words that introduce a term rather than belong to it …
_INTRODUCING_TAGS = frozenset({"v", "p", "d", "c", "f", "ad", "vd"})
# … and, for verbs, the jieba count from which a verb is common enough to be one
# (触发, 存入, 支持; not 反向, which jieba tags as a verb but which is an attribute).
_COMMON_VERB = 100


def refile_pairs(table: CandidateTable, segmenter: Segmenter) -> None:
    """Move each pair whose Chinese side took in an introducing word to the rest of it."""
    votes = table.pairs.votes
    for (zh, en), count in list(votes.items()):
        rest = _standalone_rest(zh, en, table, segmenter)
        if rest is None:
            continue
        del votes[(zh, en)]
        votes[(rest, en)] += count
        _move_signal(table, zh, rest, "pair", count)


def _standalone_rest(zh: str, en: str, table: CandidateTable, segmenter: Segmenter) -> str | None:
    """The longest rest of ``zh`` (two characters or more) used on its own in the corpus,
    when ``zh`` was seen only once and what precedes the rest introduces it, unless a word
    across the cut renders the English (去中心化 for decentralised: the 去 belongs)."""
    candidate = table.candidates.get(zh)
    if candidate is None or candidate.count != 1 or not all(is_han(c) for c in zh):
        return None
    for cut in range(1, len(zh) - 1):
        rest = table.candidates.get(zh[cut:])
        if (
            rest is not None
            and rest.count >= 2
            and rest.key[0] not in DERIVING_SUFFIXES  # 式调度 is no term of its own
            and not segmenter.dictionary_frequency(rest.key)  # a coinage, not 请求 or 参数
            and _introduces(zh[:cut], segmenter)
            and not _glossed_across(zh, cut, en, segmenter)
        ):
            return rest.key
    return None


def _glossed_across(zh: str, cut: int, en: str, segmenter: Segmenter) -> bool:
    """Whether the words before the cut, alone or with a few characters after it, are
    glossed with a word of the English (快速 "fast", 去中心化 "decentralized")."""
    return any(
        segmenter.glosses.renders(zh[:end], en) for end in range(cut, min(len(zh), cut + 3) + 1)
    )


def _introduces(word: str, segmenter: Segmenter) -> bool:
    tag = segmenter.pos(word)
    if tag not in _INTRODUCING_TAGS:
        return False
    return tag != "v" or segmenter.dictionary_frequency(word) >= _COMMON_VERB


def _move_signal(table: CandidateTable, source: str, target: str, signal: str, n: int) -> None:
    signals = table.candidates[source].signals
    left = signals.get(signal, 0) - n
    if left > 0:
        signals[signal] = left
    else:
        signals.pop(signal, None)
    tally = table.candidates[target].signals
    tally[signal] = tally.get(signal, 0) + n
