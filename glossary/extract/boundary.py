"""Where the Chinese side of a stated pair starts, the term ending at the parenthesis.

The English inside says how long the Chinese term is likely to be (:func:`english_units`);
the words back from the parenthesis are fitted to it, and what opens the term is judged:
a verb, preposition or adverb that introduces the term stays out (存入|向量数据库), a word
the English renders stays in (计算着色器 for Compute Shader, and 凭证授权中心 for Certificate
Authority, since a dictionary glosses 凭证 "certificate": :mod:`glossary.extract.glossed`
weighs that evidence), an affix the English shares is
taken in (非|监督学习 for Unsupervised Learning), and so is a Latin word the English opens
with (API 密钥 for API Key). Names are delimited by their own cues: the middle dot of a
transliteration (伊利亚·苏茨克维尔) or a title before a Chinese name (首席执行官|陈立武).
"""

from __future__ import annotations

import re

from glossary.extract.glossed import glossed_start
from glossary.extract.latin import latin_spans
from glossary.extract.names import name_spans
from glossary.extract.renderings import (
    ACRONYM,
    AFFIXES,
    ENGLISH_FUNCTION_WORDS,
    LONG_WORD,
    NUMERALS,
    RENDERED_PREFIXES,
    english_prefix,
    english_units,
    has_number,
    rendered,
    renders_head,
)
from glossary.lexicon import (
    COMPLEMENTS,
    CONTEXT_WORDS,
    DERIVING_SUFFIXES,
    EVERYDAY_VERB,
    LEFT_STOPWORDS,
    ORGANISATION_SUFFIXES,
    ROLE_WORDS,
    TECH_HEADS,
    TERM_PREFIXES,
    TRANSLITERATION_CHARS,
)
from glossary.segment import Segmenter, Token
from glossary.text import han_run_start, is_han, joined_han_run_start

NAME_DOTS = "·•‧・"
_HEAD_STOPWORDS = CONTEXT_WORDS


def term_start(text: str, end: int, english: str, segmenter: Segmenter) -> int | None:
    """Where the Chinese term that ``english`` renders starts, the term ending at ``end``
    (None for a single character, unless an affix or a Latin word the English also has
    comes before it): the best fit of whole words,
    moved by what the dictionary says they mean and past a function character jieba glued
    on, then an affix or a Latin word before it that the English also has."""
    start = zh_start(text, end, english, segmenter)
    start = glossed_start(text, start, end, english, segmenter)
    start = _unglued_start(text, start, end, segmenter)
    if end - start < 2:
        # one character is a term only with an affix or a Latin word the English also
        # has (去|重 for deduplication, B+ 树 for B+ tree)
        head = end - 1
        start = _latin_opening(
            text, _prefix_opening(text, head, english, segmenter), end, english, segmenter
        )
        if start == head or not is_han(text[head]):
            return None
    else:
        start = _prefix_opening(text, start, english, segmenter)
        start = _latin_opening(text, start, end, english, segmenter)
    number = _NUMBER_AND_UNIT_BEFORE.search(text, 0, start)
    if number and has_number(english, number[1]):
        return number.start()  # a number the English has too (8 位浮点数 for FP8)
    if _MEASURE.search(text, 0, start):
        return None  # a unit after a number (30 毫秒(ms)): a measurement, not a term
    return start


# A number just before a Chinese term, and its unit if there is one (8 位|浮点数).
_NUMBER_AND_UNIT_BEFORE = re.compile(r"(?<![A-Za-z0-9.])(\d+(?:\.\d+)?) ?[\u4e00-\u9fff]?$")
# A number just before a Chinese term: the term is its unit. Not a year (2025世界人工智能
# 大会), not a code that ends in digits (FP16 混合精度) and not a version (Vue 3 单文件组件).
_MEASURE = re.compile(r"(?<![A-Za-z0-9.])(?<![A-Za-z] )(?!(?:19|20)\d\d(?!\d))\d+(?:\.\d+)? ?$")


def _unglued_start(text: str, start: int, end: int, segmenter: Segmenter) -> int:
    """Leave out the function characters that jieba's unknown-word model glued to the first
    word of the term (由禾赛|科技 for Hesai Technology, 对包|体积 for APK size, 以物|联网 for
    Internet of Things, 经去|识别化 for de-identification): a first word in no dictionary
    loses the prepositions, conjunctions and speech verbs (叫) it opens with, and, after a
    number, a measure word (12 家向|科学碳目标倡议: 家 and 向). jieba's tags are no guide to
    the function characters: it tags 根 a preposition (根因分析)."""
    tokens = segmenter.tokens(text[start:end])
    if not tokens or tokens[0].kind != "han" or len(tokens[0].text) < 2:
        return start
    word = tokens[0].text
    if segmenter.dictionary_frequency(word) > 0:
        return start
    glued = 0
    if _NUMBER_END.search(text, 0, start) and segmenter.pos(word[0]) == "q":
        glued = 1
    # the whole word may go when the term goes on after it (家向|科学)
    keep = 1 if len(tokens) == 1 else 0
    while glued < len(word) - keep and word[glued] in _GLUED_FUNCTION_CHARACTERS:
        glued += 1
    return start + glued


_GLUED_FUNCTION_CHARACTERS = frozenset("由对把被向从给和与及或叫在将让当据用做以经于为按采各该")


def _latin_opening(text: str, start: int, left_end: int, inner: str, segmenter: Segmenter) -> int:
    """Take in a Latin word before the whole Chinese run when the English opens with it:
    ``API 密钥(API Key)``, ``Java 虚拟机(Java Virtual Machine)``, ``k-均值(k-means)``; when the
    English has it further in, also the Chinese words before it that the English words
    before it stand for (编译 SDK 版本 for compile SDK version)."""
    if start != joined_han_run_start(text, left_end):
        return start
    joint = text[start - 1] if start > 0 and text[start - 1] in " -" else ""
    latin_end = start - len(joint)
    latin_start = _letter_before(text, latin_end)
    if latin_start is None:
        spans = list(latin_spans(text[:latin_end]))
        if not spans or spans[-1][1] != latin_end:
            return start
        latin_start = spans[-1][0]
    latin = text[latin_start:latin_end].casefold()
    # A hyphen and a space join the same words (K 折交叉验证 for K-fold cross-validation).
    english = inner.casefold()
    if english.startswith((latin + " ", latin + "-")):
        return latin_start
    # The Latin word inside the English: the term goes on before it, as far as the English
    # before that word reaches (编译 SDK 版本 for compile SDK version).
    words = english.split()
    if latin not in words[1:]:
        return start
    if latin == words[-1] and segmenter.glosses.renders(text[start:left_end], " ".join(words[:-1])):
        return latin_start  # the name first in Chinese, last in English (Ensemble 项目)
    before = " ".join(words[: words.index(latin, 1)])
    gap = 1 if latin_start > 0 and text[latin_start - 1] == " " else 0
    term_end = latin_start - gap
    if term_end < 1 or not is_han(text[term_end - 1]):
        return start
    # a word each: the English before the Latin word is part of a longer term, so one long
    # word there is no sign of two Chinese ones (检查|水平 Pod 自动扩缩容 for Horizontal Pod …)
    units = float(sum(w not in ENGLISH_FUNCTION_WORDS for w in before.split())) or 1.0
    opening = zh_start(text, term_end, before, segmenter, units=units)
    return opening if opening < term_end else start


def _letter_before(text: str, end: int) -> int | None:
    """Where a lone ASCII letter ending at ``end`` starts (the k of k-均值), if there is one."""
    if end < 1 or not (text[end - 1].isascii() and text[end - 1].isalpha()):
        return None
    if end >= 2 and text[end - 2].isascii() and text[end - 2].isalnum():
        return None
    return end - 1


def _prefix_opening(text: str, start: int, inner: str, segmenter: Segmenter) -> int:
    """Take in the affix before the term when the English has the affix it renders and
    the segmenter glued it to the word before or the fit left it out (是非|监督学习 for
    Unsupervised Learning, 重|排序模型 for Reranker, 反向|传播 for Backpropagation,
    可|观测性 for Observability)."""
    affixes = AFFIXES.get(english_prefix(inner), ())
    if start > 0 and not text.startswith(affixes, start):
        start = next(
            (
                start - len(a)
                for a in affixes
                if text.endswith(a, 0, start) and not _ends_function_word(text, start, segmenter)
            ),
            start,
        )
    first = inner.strip().split(" ")[0].casefold()
    if first.endswith(("able", "ible", "ability", "ibility")) and text.endswith("可", 0, start):
        start -= 1  # 可…(性): Repeatable 可|重复读, Scalability 可|扩展性
    elif len(first) > LONG_WORD and first.endswith("less"):
        # 无/免/非…: Serverless 无|服务器, passwordless 无|密码登录, contactless 非|接触式
        start = next((start - 1 for a in "无免非" if text.endswith(a, 0, start)), start)
    elif len(first) > LONG_WORD and first.endswith("ful") and text.endswith("有", 0, start):
        start -= 1  # 有…: stateful 有|状态计算
    return start


def _ends_function_word(text: str, end: int, segmenter: Segmenter) -> bool:
    """Whether the two characters before ``end`` are an everyday function or time word
    (通过, 之后, 事后): its last character is no affix of the term after it (通过|空中升级).
    A rare one is more likely a slip of the segmenter (与非|监督式学习, 至多|物理场)."""
    word = text[max(0, end - 2) : end]
    return word in LEFT_STOPWORDS or (
        len(word) == 2
        and segmenter.pos(word) in _NOT_AFFIXED
        and segmenter.dictionary_frequency(word) >= EVERYDAY_VERB
    )


_NOT_AFFIXED = frozenset({"p", "c", "d", "t", "f"})


def zh_start(
    text: str, end: int, english_text: str, segmenter: Segmenter, *, units: float | None = None
) -> int:
    """Where the Chinese term before a parenthesis starts.

    Each run of whole words back from the parenthesis (up to a function word, the edge of
    the run or a length budget) is scored by how well its word count fits the English
    (:func:`english_units` of ``english_text``, unless ``units`` are given) and is
    penalised when it opens with a verb, adverb, numeral or pronoun that is not part of the
    term (守好|持续集成, 计算|嵌入); the best fit wins, the longer on a tie.

    When what lies after a 的, 与, 和 or 及 falls two words or more short of the English
    (one, for 与, 和 or 及 when the English is ``conjoined`` with and), the run goes on
    past it, and a start there wins only if it fits a word better (基于角色的访问控制(RBAC),
    美国国家标准与技术研究院(NIST), 污点和容忍(Taints and Tolerations)).
    """
    english = english_units(english_text) if units is None else units
    conjoined = " and " in f" {english_text.casefold()} " or "&" in english_text
    # …-based renders 基于…的 (基于支出的方法 for spend-based method)
    based = "based" in english_text.casefold()
    # … and X as Y renders X即Y (策略即代码 for policy as code)
    as_linked = " as " in f" {english_text.casefold()} "
    acronym = english_text.isupper() and bool(ACRONYM.fullmatch(english_text))
    english_stems = segmenter.glosses.english_stems(english_text)
    wanted = frozenset() if acronym else english_stems
    run_start = joined_han_run_start(text, end)
    budget = min(16, 2 + 3 * english)
    tokens = _rejoined(segmenter.tokens(text[run_start:end]), segmenter)
    if tokens and english_text.isalpha() and _renders_all(tokens[-1], wanted, segmenter):
        return run_start + tokens[-1].start  # the head alone is the English (回滚 "rollback")
    best_start, best_cost = end, float("inf")
    bridged: str | None = None  # the linking word crossed, if any
    to_beat = float("inf")  # what a start beyond it must fit better than
    words = 0.0
    for index in range(len(tokens) - 1, -1, -1):
        token = tokens[index]
        start = run_start + token.start
        head = index == len(tokens) - 1
        if end - start > budget and not head:  # a long word jieba knows is one word
            break
        if not head and len(token.text) == 1 and _NUMBER_END.search(text, 0, start):
            break  # a unit after a number (8 吋|基板)
        if _ends_term(token.text, head, english_text, segmenter):
            short_by = (
                1.0 if (conjoined and token.text != "的") or token.text == "即" else _SHORT_BY
            )
            if (
                bridged is None
                and best_cost >= short_by
                and _bridge(tokens, index, segmenter, based=based, as_linked=as_linked)
            ):
                bridged, to_beat = token.text, best_cost - 1
                continue
            if not (bridged == "的" and token.text == _BASED_ON):
                break
        if token.kind != "han":
            continue  # the hyphen of 视觉-语言-动作模型
        if not (
            index + 1 < len(tokens)
            and _name_piece(tokens[index + 1].text, segmenter)
            and _name_piece(token.text, segmenter)
        ):
            # a transliteration jieba cut in pieces is one word (阿姆|达尔|定律)
            weight = _english_words_of(token.text, head, english_text, acronym=acronym)
            # a word glossed with several words of the English stands for them all
            # (神经网络 "neural network", 央行 "central bank")
            glossed = len(segmenter.glosses.stems(token.text) & wanted) if wanted else 0
            # (and the head one it is glossed with: 闪电|贷 "loan", 代理|银行 "bank")
            words += max(weight, glossed) if glossed > 1 or head or len(token.text) == 1 else weight
        # A word the English renders belongs to the term (计算|着色器 for Compute Shader).
        belongs = (
            head
            or token.text == _BASED_ON
            or rendered(english_text, token.text)
            or not segmenter.glosses.stems(token.text).isdisjoint(english_stems)
        )
        opening = 0.0 if belongs else _opening_cost(token.text, segmenter)
        if not belongs and index > 0 and _predicate(token.text, tokens[index - 1].text, segmenter):
            opening = _ALWAYS_INTRODUCES  # 还|伴随|迎角, 需|配备|线控底盘: the verb of the clause
        if not (belongs or acronym) and token.text in RENDERED_PREFIXES:
            opening = _INTRODUCES  # an affix the English has no prefix for (集成|后|冷启动)
        cost = abs(words - english) + opening
        # The longer start wins a tie unless it opens with a word that introduces the term
        # (由于|联合索引 against 联合索引, both opening with a verb or conjunction) or with
        # any other verb (调低|温度 against 温度 for temperature).
        fits = cost < best_cost or (
            cost == best_cost and (belongs or (not opening and segmenter.pos(token.text) != "v"))
        )
        # a suffix opens no term: it belongs to the word before (穿戴|式|装置, and 抢占|式调度,
        # a rare word jieba glued it to; not 化学)
        suffixed = (
            token.text[0] in DERIVING_SUFFIXES
            and index > 0
            and tokens[index - 1].kind == "han"
            and (len(token.text) == 1 or segmenter.dictionary_frequency(token.text) < EVERYDAY_VERB)
        )
        if end - start >= 2 and fits and cost <= to_beat and not suffixed:
            best_start, best_cost = start, cost
        if token.text == _BASED_ON:
            break
    return best_start


_NUMBER_END = re.compile(r"\d ?$")


def _renders_all(head: Token, wanted: frozenset[str], segmenter: Segmenter) -> bool:
    """Whether the dictionary glosses the last word with the English word it pairs with:
    then nothing before it belongs to the term (自动|回滚 for rollback)."""
    return (
        bool(wanted)
        and head.kind == "han"
        and len(head.text) > 1
        and wanted <= segmenter.glosses.stems(head.text)
    )


def _rejoined(tokens: list[Token], segmenter: Segmenter) -> list[Token]:
    """Two one-character words put back together when jieba split a dictionary word and
    one half is a function character (局部|比|对 → 局部|比对): it would end the term.
    Two function characters stay apart (中|的). A connective glued on is split off first."""
    joined: list[Token] = []
    for token in _connectives_split(tokens, segmenter):
        last = joined[-1] if joined else None
        if (
            last is not None
            and len(last.text) == 1
            and len(token.text) == 1
            and last.kind == token.kind == "han"
            and (last.text in LEFT_STOPWORDS) != (token.text in LEFT_STOPWORDS)
            and segmenter.glosses.stems(last.text + token.text)
        ):
            joined[-1] = Token(last.text + token.text, last.start, token.end, "han")
        else:
            joined.append(token)
    return joined


def _connectives_split(tokens: list[Token], segmenter: Segmenter) -> list[Token]:
    """A connective that jieba's unknown-word model glued to the word before it, split off
    again (输液|帮浦及|无线射频辨识 → 帮浦|及): a word no dictionary has does not end in 及."""
    split: list[Token] = []
    for token in tokens:
        word = token.text
        if (
            token.kind == "han"
            and len(word) > 2
            and word[-1] in _GLUED_CONNECTIVES
            and not segmenter.dictionary_frequency(word)
            and not segmenter.glosses.stems(word)
        ):
            split.append(Token(word[:-1], token.start, token.end - 1, "han"))
            split.append(Token(word[-1], token.end - 1, token.end, "han"))
        else:
            split.append(token)
    return split


_GLUED_CONNECTIVES = frozenset("及和与或")


def _ends_term(word: str, head: bool, english: str, segmenter: Segmenter) -> bool:
    """Whether ``word`` ends the term on its left: a function or context word (though a
    context verb as the head belongs to the term: 灰度发布), or a numeral or measure word
    the English has no word for (少数几个|前馈网络)."""
    if word in LEFT_STOPWORDS:
        # 外 ends 数据|外 but not 分布外 for out-of-distribution, nor a head the dictionary
        # glosses with the English (地方|时 "time" for local time)
        return (
            not (head and word in _HEAD_STOPWORDS)
            and not rendered(english, word)
            and not (head and segmenter.glosses.renders(word, english))
        )
    if (
        not head
        and len(word) > 1
        and word != _BASED_ON
        and segmenter.pos(word) == "p"
        and segmenter.dictionary_frequency(word) >= EVERYDAY_VERB  # not 凭据, tagged p
    ):
        return not segmenter.glosses.renders(word, english)  # 凭借|批量回流模制底部填充
    # 多组 is tagged a numeral, but 多 renders multi- (多组学 for multi-omics)
    return (
        _quantifier(word, segmenter)
        and not rendered(english, word[0])
        and not rendered(english, word)
    )


def _english_words_of(word: str, head: bool, english: str, *, acronym: bool) -> float:
    """How many words of the English the Chinese ``word`` likely stands for."""
    if acronym:
        # A letter for each word, the head's too (前馈|网络 for FFN, 美国|国家标准|与|
        # 技术|研究院 for NIST); a one-character word is an affix of the next.
        return 1.0 if len(word) > 1 else 0.5
    if head and word in TECH_HEADS:
        # Chinese adds heads the English leaves out (混合专家|模型 for Mixture of
        # Experts): half a word, unless the English ends in the head's own rendering.
        return 1.0 if renders_head(english, word) else 0.5
    if len(word) == 1 and rendered(english, word):
        return 1.0  # a one-character word the English has a word for: 极|紫外|光刻
    return _word_weight(word, head)  # 枫清|科技: the suffix weighs nothing


def _quantifier(word: str, segmenter: Segmenter) -> bool:
    """A numeral or measure word of two characters or more (少数几个, 多种). Not a pronoun:
    jieba tags 本地 and 自身 as pronouns, and they open terms (本地缓存)."""
    return len(word) > 1 and segmenter.pos(word) in ("m", "q") and not NUMERALS.isdisjoint(word)


def _bridge(
    tokens: list[Token],
    index: int,
    segmenter: Segmenter,
    *,
    based: bool = False,
    as_linked: bool = False,
) -> bool:
    """Whether ``tokens[index]`` links two parts of one term: a 的, 与, 和 or 及 (or 即, when
    the English is ``as_linked``) after a noun by jieba's dictionary, a verbal one included
    (角色的, 国家标准与, 人类反馈的, 策略即; not 新的 or 学习的), or the 的 of 基于…的 when
    the English is ``based`` on something."""
    linking = tokens[index].text
    if index == 0 or not (linking in _BRIDGES or (as_linked and linking == "即")):
        return False
    if based and tokens[index].text == "的" and any(t.text == _BASED_ON for t in tokens[:index]):
        return True
    word = tokens[index - 1].text
    tag = segmenter.pos(word)
    # jieba tags 位置 a verb; the dictionary's first sense, "position", is a noun
    nominal = tag == "v" and len(word) > 1 and not segmenter.glosses.verbal(word)
    return tag is not None and (tag.startswith("n") or tag == "vn" or nominal)


# Linking words inside a long term: 基于角色的访问控制, 美国国家标准与技术研究院.
_BRIDGES = frozenset({"的", "与", "和", "及"})
_SHORT_BY = 2.0  # how far the words after a linking word must fall short to cross it
_BASED_ON = "基于"  # 基于…的 renders "…-based": it opens the term


def _word_weight(word: str, head: bool) -> float:
    """How many English words a Chinese word stands for: an organisation suffix as the head
    none (枫清|科技, but not 智能 in 智能体), one character half (the affixes: 过|拟合,
    遥|操作), two characters one, longer words one per two characters (单元测试 ≈ unit
    test); 不可, the affix of un-…-able, half."""
    if head and word in ORGANISATION_SUFFIXES:
        return 0.0
    if word == "不可":
        return 0.5  # 不可|重复|读 for non-repeatable read, as the English prefix counts
    if len(word) > 2 and set(word) <= TRANSLITERATION_CHARS:
        return 1.0  # a transliterated name is one word (布莱克-斯科尔斯|模型)
    return max(0.5, len(word) / 2) if len(word) != 2 else 1.0


def _opening_cost(word: str, segmenter: Segmenter) -> float:
    """What opening the term with ``word`` costs: 0.6 for a word that introduces a term
    rather than belongs to it (a verb or adverb of everyday language, a verb with a
    directional or resultative complement, a numeral, a pronoun or a role: 计算, 启用,
    存入, 百种, 博士生), else nothing."""
    if word in TERM_PREFIXES:
        return 0.0  # 后|训练, 大|模型: prefixes open terms
    if word in ROLE_WORDS:
        return _INTRODUCES
    tag = segmenter.pos(word)
    if (
        tag in _NOMINAL_OR_LINKING
        and len(word) > 1
        and segmenter.dictionary_frequency(word) >= EVERYDAY_VERB
        and segmenter.glosses.verbal(word)
    ):
        tag = "v"  # jieba tags 利用 a noun and 接管 a conjunction; the dictionary says verb
    if tag is None and len(word) == 2 and word[0] in "一二三四五六七八九十百千万几两每各":
        return _INTRODUCES  # 百种, 一份: a number and a measure word jieba did not know
    if tag in ("d", "m", "q", "r", "p", "c", "u", "t", "f", "ad", "vd"):
        return _INTRODUCES
    if tag == "v" and segmenter.dictionary_frequency(word) >= _COMMONEST_VERB:
        return _ALWAYS_INTRODUCES
    if tag == "v" and (
        segmenter.dictionary_frequency(word) >= EVERYDAY_VERB or word[-1] in COMPLEMENTS
    ):
        return _INTRODUCES
    return 0.0


def _predicate(word: str, before: str, segmenter: Segmenter) -> bool:
    """Whether ``word`` is a verb that an adverb or a modal before it makes the verb of the
    clause (还|伴随, 需|配备, 应|采用), not a word of the term after it."""
    verb = segmenter.pos(word) == "v"  # not a verbal noun (就是|波动率微笑, 是|测试驱动开发)
    # 将 is an adverb (will) and a preposition (将|穿戴式装置 …纳入): no sign either way
    adverb = segmenter.pos(before) in ("d", "ad") and before != "将"
    return verb and (adverb or before in _MODALS)


_MODALS = frozenset("需 要 会 可 应 能 需要 应该 可以 能够 须 必须".split())
_INTRODUCES = 0.6
_NOMINAL_OR_LINKING = frozenset({"n", "c"})
_COMMONEST_VERB = 10_000
_ALWAYS_INTRODUCES = 1.1


def dotted_name(text: str, end: int, segmenter: Segmenter) -> int | None:
    """``首席科学家伊利亚·苏茨克维尔`` → where ``伊利亚`` starts: the name, not the title.

    The given name is the last word before the dot, with a one-character word before it
    when it is one character itself (琼 alone takes none: 与|琼·戴门) or unknown to jieba
    (拉|胡尔·梅塔), and transliterations jieba did not know before it
    (惠特|菲尔德·迪菲); a word jieba glued to it is cut off (这个坑|格伦·菲德勒).
    """
    run_start = han_run_start(text, end, NAME_DOTS)
    run = text[run_start:end]
    first_dot = next((i for i, c in enumerate(run) if c in NAME_DOTS), -1)
    if first_dot <= 0:
        return None
    tokens = segmenter.tokens(run[:first_dot])
    index = len(tokens) - 1
    if index > 0 and tokens[index - 1].text not in LEFT_STOPWORDS:
        last, before = tokens[index].text, tokens[index - 1].text
        # 琼 alone takes the word before; so does a name jieba does not know after a
        # transliteration character it split off (拉|胡尔, tagged a verb and unknown)
        if len(last) == 1 or (
            segmenter.pos(last) is None and len(before) == 1 and before in TRANSLITERATION_CHARS
        ):
            index -= 1
    while index > 0 and _transliterated(tokens[index - 1].text, segmenter):
        index -= 1
    start = tokens[index].start
    glued = tokens[index].text
    known_name = segmenter.pos(glued) in ("nr", "nrt", "nrfg") and segmenter.dictionary_frequency(
        glued
    )
    while len(glued) > 2 and glued[0] not in TRANSLITERATION_CHARS and not known_name:
        glued, start = glued[1:], start + 1
    return run_start + start


def _name_piece(word: str, segmenter: Segmenter) -> bool:
    """A piece of a transliterated name, as jieba cuts them (阿姆|达尔 of 阿姆达尔定律)."""
    return set(word) <= TRANSLITERATION_CHARS and segmenter.pos(word) in _NAME_TAGS


_NAME_TAGS = frozenset({None, "nr", "nrt", "nrfg"})


def _transliterated(word: str, segmenter: Segmenter) -> bool:
    """A word jieba does not know, written in transliteration characters (惠特)."""
    return segmenter.pos(word) is None and set(word) <= TRANSLITERATION_CHARS


def cued_name(text: str, end: int, english: str, segmenter: Segmenter) -> int | None:
    """Where a person's name starts when the English is a name and a title or a verb of
    saying cues the Chinese one (首席执行官|陈立武(Lip-Bu Tan)), see glossary.extract.names."""
    if not _PERSON_NAME.fullmatch(english):
        return None
    run_start = joined_han_run_start(text, end)
    for start, stop in name_spans(segmenter.tokens(text[run_start:end])):
        if run_start + stop == end:
            return run_start + start
    return None


_PERSON_NAME = re.compile(r"[A-Z][a-z]+(?:[- ][A-Z][a-z]+){1,3}")
