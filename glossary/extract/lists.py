"""Enumerations: ``百度、腾讯、阿里等`` lists terms of one kind side by side.

A list is found here as raw text; which of its items are terms is decided when the corpus
has been read (see :func:`glossary.scoring.enumeration_members`): when most items of a list
are terms, the others are probably terms of the same kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

# What ends a clause: a list never runs across these.
_CLAUSE = re.compile(r"[，,。；;：:！？!?()（）“”\"《》\[\]【】\n]")
EDGE_ITEM_CHARS = 10  # how much of the first and the last item may belong to the list


def enumerations(folded: str) -> Iterator[tuple[str, ...]]:
    """The items of each ``、`` list in a width-folded sentence, as written. The first item
    is the end of the text before the first ``、`` and the last item the start of the text
    after the last one, at most ten characters each; the scorer trims them to terms.

    >>> list(enumerations("中国则有百度、阿里等头部科技企业,也有智谱、百川智能等初创公司"))
    [('中国则有百度', '阿里等头部科技企业'), ('也有智谱', '百川智能等初创公司')]
    """
    for clause in _CLAUSE.split(folded):
        if "、" not in clause:
            continue
        items = [item.strip() for item in clause.split("、")]
        items[0] = items[0][-EDGE_ITEM_CHARS:]
        items[-1] = items[-1][:EDGE_ITEM_CHARS]
        if all(items):
            yield tuple(items)
