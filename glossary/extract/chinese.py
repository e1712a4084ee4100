"""Chinese and mixed-script term candidates: word n-grams of a segmented sentence.

jieba splits new coinages (``大模型`` → ``大``/``模型``, ``数推分离`` → ``数推``/``分离``), so a
candidate is a run of one to four adjacent words. Runs that cross punctuation, start or end
with a function word, or carry no Han character are not candidates. Whether a candidate is
a term is decided later, from corpus-wide statistics (see :mod:`glossary.scoring`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from glossary.extract.latin import is_version
from glossary.segment import Token
from glossary.text import is_han

MAX_WORDS = 4
MAX_CHARS = 10

# Words that never start or end a term: particles, pronouns, prepositions, conjunctions,
# adverbs, auxiliaries and measure words.
FUNCTION_WORDS = frozenset(
    [
        "的",
        "地",
        "得",
        "了",
        "着",
        "过",
        "之",
        "在",
        "是",
        "为",
        "和",
        "与",
        "及",
        "或",
        "对",
        "把",
        "被",
        "将",
        "从",
        "向",
        "由",
        "于",
        "以",
        "让",
        "给",
        "跟",
        "同",
        "等",
        "这",
        "那",
        "其",
        "该",
        "各",
        "每",
        "某",
        "些",
        "个",
        "种",
        "位",
        "家",
        "款",
        "项",
        "次",
        "也",
        "都",
        "就",
        "而",
        "并",
        "且",
        "但",
        "又",
        "还",
        "则",
        "即",
        "如",
        "像",
        "很",
        "更",
        "最",
        "太",
        "不",
        "没",
        "没有",
        "也是",
        "就是",
        "还是",
        "都是",
        "而是",
        "只是",
        "已",
        "已经",
        "正在",
        "将会",
        "可以",
        "可能",
        "能够",
        "能",
        "会",
        "要",
        "需要",
        "应该",
        "我",
        "你",
        "他",
        "她",
        "它",
        "我们",
        "你们",
        "他们",
        "她们",
        "它们",
        "自己",
        "大家",
        "这个",
        "那个",
        "这些",
        "那些",
        "这种",
        "那种",
        "这样",
        "那样",
        "一个",
        "一些",
        "一种",
        "一家",
        "一位",
        "一款",
        "一次",
        "有",
        "有的",
        "所",
        "所有",
        "以及",
        "通过",
        "作为",
        "包括",
        "例如",
        "比如",
        "其中",
        "对于",
        "关于",
        "因为",
        "所以",
        "如果",
        "虽然",
        "但是",
        "然而",
        "因此",
        "同时",
        "此外",
        "另外",
        "甚至",
        "并且",
        "而且",
        "之后",
        "之前",
        "以后",
        "以前",
        "时",
        "时候",
        "中",
        "里",
        "上",
        "下",
        "内",
        "外",
        "前",
        "后",
        "年",
        "月",
        "日",
        "号",
        "多",
        "少",
        "大",
        "小",
        "新",
        "老",
        "吗",
        "呢",
        "吧",
        "啊",
        "呀",
        "哦",
        "么",
        "什么",
        "怎么",
        "如何",
        "为什么",
        "哪些",
        "哪个",
        "谁",
        "非常",
        "特别",
        "比较",
        "十分",
        "真正",
        "目前",
        "现在",
        "今年",
        "去年",
        "明年",
        "如今",
        "一直",
        "一定",
        "也许",
        "或许",
        "依然",
        "仍然",
        "越来越",
        "来",
        "去",
        "说",
        "表示",
        "认为",
        "称",
    ]
)
# Function words that may open a longer term as a prefix (大模型, 多模态, 后训练, 新能源).
_TERM_PREFIXES = frozenset("大 小 新 多 后 前 老 超")
# Tokens that may end a term though they are function words elsewhere (大模型 ends in 模型).
_TERM_SINGLE_HAN_OK = frozenset("层 体 化 式 性 率 度 链 器 端 云 网 图 库 码 元 型")


def candidate_spans(tokens: Sequence[Token]) -> Iterator[tuple[int, int]]:
    """(first, last+1) token index ranges that may be a Chinese or mixed-script term.

    A candidate holds 1–4 adjacent Han or Latin words (a version number may close it:
    ``文心大模型3.5``), 2–10 characters, at least one Han character, and neither starts nor
    ends with a function word.
    """
    n = len(tokens)
    for first in range(n):
        if not _may_start(tokens[first]):
            continue
        chars = 0
        has_han = False
        for last in range(first, min(n, first + MAX_WORDS)):
            token = tokens[last]
            if token.kind not in ("han", "latin", "digit"):
                break
            if last > first and tokens[last - 1].end != token.start:
                break
            if (
                last > first
                and token.kind == "han"
                and token.text in FUNCTION_WORDS
                and token.text not in _TERM_PREFIXES
            ):
                break  # 大模型也不能, 传神的任度: a function word inside ends the run
            chars += len(token.text)
            if chars > MAX_CHARS:
                break
            has_han = has_han or token.kind == "han"
            if has_han and chars >= 2 and _may_end(tokens, first, last):
                yield first, last + 1


def _may_start(token: Token) -> bool:
    if token.kind == "latin":
        return True
    return token.kind == "han" and (
        token.text not in FUNCTION_WORDS or token.text in _TERM_PREFIXES
    )


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
            token.text in _TERM_SINGLE_HAN_OK or tokens[last - 1].kind != "han"
        )
    return len(token.text) >= 2 or last > first
