"""What the English of a stated pair says about its Chinese side, by hand-made tables.

How many Chinese words an English term is likely to take (:func:`english_units`), which
Chinese words a word of the English renders (:func:`rendered`: 极 for Extreme, 模型 for
Model, 三维 for 3D), and which Chinese affixes render an English prefix (:data:`AFFIXES`:
非 for un-, 预 for pre-). The bilingual dictionary (:mod:`glossary.glosses`) answers the same
question for whole words; these tables cover the affixes, heads and numerals it does not.
"""

from __future__ import annotations

import re

from glossary.lexicon import TERM_PREFIXES

ACRONYM = re.compile(r"[A-Z][A-Za-z0-9\-]*[A-Z0-9]s?")
ENGLISH_FUNCTION_WORDS = frozenset("of the a an and or for to in on with by as at".split())
# English prefixes that a Chinese affix (非, 预, 后, 超, 微, 多, 遥, 反 …) usually renders.
ENGLISH_PREFIXES = tuple(
    "un non pre post multi micro macro self semi anti inter intra over under sub super hyper "
    "cross tele back auto".split()
)


def english_units(english: str) -> float:
    """How many Chinese words an English term is likely to take.

    One per content word (``of``, ``the`` … take none), one per capitalised part of a
    camel-case name (DeepBlue → 2), one per letter of an acronym (CNN → 3) and half for a
    prefix written as a word of its own (post-training → 1.5), and half more when the
    English is one long word (Refactoring, Production → 1.5: 重构 or 生产环境, the fit and
    the opening decide). A prefix inside a word adds nothing here (Preference is no
    prefixed word); the boundary takes in the affix that renders one (非|监督学习 for
    Unsupervised Learning).

    >>> [english_units(e) for e in ("Scaling Law", "CNN", "Principle of Least Privilege",
    ...                              "Unsupervised Learning", "DeepBlue Robotics", "post-training",
    ...                              "foundry", "Token", "Moore's Law", "G20", "MR-MUF")]
    [2.0, 3.0, 3.0, 2.0, 3.0, 1.5, 1.5, 1.0, 2.0, 2.0, 5.0]
    """
    stripped = english.strip()
    if ACRONYM.fullmatch(stripped) and stripped.rstrip("s").isupper() and " " not in stripped:
        # a letter each and a number once: MR-MUF five, G20 two
        return float(len(re.findall(r"[A-Za-z]|\d+", stripped.rstrip("s"))))
    units = 0.0
    for word in re.split(r"[\s\-]+", _POSSESSIVE.sub("", stripped)):
        if not word or word.lower() in ENGLISH_FUNCTION_WORDS:
            continue
        if word.lower() in ENGLISH_PREFIXES:
            units += 0.5  # post-training, pre-trained: a prefix, not a word
            continue
        parts = re.findall(r"\d+(?:st|nd|rd|th)\b|[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+", word) or [word]
        units += len(parts)
    if len(stripped) >= LONG_WORD and stripped.isalpha() and not stripped.isupper():
        units += 0.5  # one long word often takes two Chinese ones: foundry 晶圆|代工
    return units or 1.0


LONG_WORD = 7  # letters
_POSSESSIVE = re.compile(r"['’]s\b")  # Moore's Law: the 's is no word of its own


def rendered(english: str, word: str) -> bool:
    """Whether a word of the English renders ``word`` (Compute Shader for 计算|着色器,
    Extreme Ultraviolet for 极|紫外): then it belongs to the term, whatever jieba tags it."""
    renderings = HEAD_RENDERINGS.get(word) or MODIFIER_RENDERINGS.get(word, ())
    if not renderings:  # a numeral in it: 三维 for 3D, 两阶段 for two-phase, 第三代 for 3rd
        numeral = next((c for c in word if c in NUMERALS and c in MODIFIER_RENDERINGS), "")
        renderings = MODIFIER_RENDERINGS.get(numeral, ())
        # … or its digit anywhere in the English (第六次评估报告 for AR6)
        if any(has_number(english, r) for r in renderings if r.isdigit()):
            return True
    return any(w.startswith(renderings) for w in english.casefold().split() if renderings)


def has_number(english: str, number: str) -> bool:
    """Whether ``number`` stands in ``english`` as a whole number, on its own or in a word.

    >>> has_number("AR6", "6"), has_number("FP8", "8"), has_number("H100", "10")
    (True, True, False)
    """
    return re.search(rf"(?<!\d){re.escape(number)}(?!\d)", english) is not None


# Modifiers, mostly of one character, and the English words (as their starts) that render them.
MODIFIER_RENDERINGS: dict[str, tuple[str, ...]] = {
    "极": ("extreme", "ultra"),
    "超": ("super", "hyper", "ultra"),
    "根": ("root",),
    "热": ("hot", "heat"),
    "冷": ("cold",),
    "双": ("dual", "double", "bi", "two"),
    "单": ("single", "mono", "uni"),
    "多": ("multi", "multiple", "many"),
    "每": ("per", "each", "every"),
    "最": ("most",),
    "多重": ("multi", "multiple"),
    "全": ("full", "global", "all"),
    "半": ("semi", "half"),
    "高": ("high",),
    "低": ("low",),
    "微": ("micro",),
    "宏": ("macro",),
    "大": ("large", "big", "great", "macro"),
    "小": ("small", "mini", "little"),
    "新": ("new", "neo"),
    "老": ("old", "legacy"),
    "旧": ("old", "legacy"),
    "主": ("main", "primary", "master", "host"),
    "子": ("sub", "child"),
    "父": ("parent",),
    "内": ("inner", "internal", "intra"),
    "外": ("outer", "external", "extra", "out"),
    "前": ("front", "forward", "pre"),
    "后": ("back", "post", "rear"),
    "过": ("over",),
    "快": ("fast", "quick", "rapid"),
    "慢": ("slow",),
    "强": ("strong",),
    "弱": ("weak",),
    "软": ("soft",),
    "硬": ("hard",),
    "深": ("deep",),
    "浅": ("shallow",),
    "长": ("long",),
    "短": ("short",),
    "空": ("empty", "null", "void"),
    "零": ("zero",),
    "非": ("non", "un"),
    "无": ("no", "non"),
    "不可": ("non", "un", "in", "im", "ir", "no-"),
    "反": ("anti", "reverse", "counter", "back"),
    "逆": ("inverse", "reverse"),
    "自": ("self", "auto"),
    "预": ("pre",),
    "重": ("re",),
    "跨": ("cross", "trans"),
    # numerals, which open terms the English counts in (两阶段锁 for Two-Phase Locking),
    # Roman ones included from two up (第三类 for Class III)
    "一": ("one", "1", "single", "mono", "uni"),
    "二": ("two", "2", "second", "bi", "dual", "ii"),
    "两": ("two", "2", "bi", "dual", "double"),
    "三": ("three", "3", "tri", "iii"),
    "四": ("four", "4", "quad", "iv"),
    "五": ("five", "5", "penta"),
    "六": ("six", "6", "hexa"),
    "八": ("eight", "8", "octa"),
    "十": ("ten", "10", "deca"),
}


# The affixes whose English is known: one the English lacks opens no term (集成|后|冷启动).
RENDERED_PREFIXES = MODIFIER_RENDERINGS.keys() & TERM_PREFIXES


def renders_head(english: str, head: str) -> bool:
    """Whether the English ends in a rendering of the Chinese head (Large Language
    Model for 大语言模型, Vector Database for 向量数据库)."""
    words = english.casefold().split()
    if not words:
        return False
    last = words[-1]
    return any(last.startswith(rendering) for rendering in HEAD_RENDERINGS.get(head, ()))


# The usual English of each technical head (TECH_HEADS), as the start of a word: the
# English ends in one of them when it renders the head too.
HEAD_RENDERINGS: dict[str, tuple[str, ...]] = {
    "模型": ("model",),
    "大模型": ("model",),
    "学习": ("learning",),
    "网络": ("network", "net"),
    "神经网络": ("network", "net"),
    "算法": ("algorithm",),
    "数据": ("data",),
    "数据集": ("dataset", "data"),
    "语料": ("corpus", "corpora"),
    "框架": ("framework",),
    "引擎": ("engine",),
    "平台": ("platform",),
    "系统": ("system",),
    "芯片": ("chip",),
    "集群": ("cluster",),
    "架构": ("architecture",),
    "函数": ("function",),
    "检索": ("retrieval", "search"),
    "测试": ("test",),
    "智能": ("intelligence",),
    "计算": ("comput",),
    "训练": ("training",),
    "推理": ("inference", "reasoning"),
    "编码": ("encoding", "coding"),
    "解码": ("decoding",),
    "向量": ("vector",),
    "协议": ("protocol",),
    "接口": ("interface",),
    "数据库": ("database",),
    "语言": ("language",),
    "识别": ("recognition",),
    "生成": ("generation",),
    "优化": ("optimi",),
    "部署": ("deployment",),
    "存储": ("storage",),
    "模块": ("module",),
    "机制": ("mechanism",),
    "云": ("cloud",),
    "算力": ("compute", "computing"),
    "参数": ("parameter",),
    "微调": ("fine-tun", "tuning"),
    "对齐": ("alignment",),
    "蒸馏": ("distillation",),
    "剪枝": ("pruning",),
    "量化": ("quanti",),
    "标注": ("annotation", "label"),
    "嵌入": ("embedding",),
    "张量": ("tensor",),
    "梯度": ("gradient",),
    "矩阵": ("matri",),
    "节点": ("node",),
    "服务器": ("server",),
    "处理器": ("processor",),
    "加速器": ("accelerator",),
    "编译器": ("compiler",),
    "操作系统": ("system",),
    "容器": ("container",),
    "微服务": ("microservice", "service"),
    "中间件": ("middleware",),
    "防火墙": ("firewall",),
    "加密": ("encryption",),
    "哈希": ("hash",),
    "事务": ("transaction",),
    "索引": ("index", "indices"),
}


# Characters of numerals and quantities: jieba also tags 层次 a numeral, which has none.
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两几多少数每各半双单第些量")


def english_prefix(english: str) -> str:
    word = english.strip().split(" ")[0].casefold()
    return next((p for p in _PREFIX_ORDER if word.startswith(p) and len(word) > len(p) + 2), "")


# English prefixes and the Chinese affixes that render them (Unsupervised → 非/无监督,
# Pre-training → 预训练, Reranker → 重排序); the longest prefix is tried first.
AFFIXES: dict[str, tuple[str, ...]] = {
    "non": ("非", "无"),
    "un": ("非", "无"),
    "pre": ("预",),
    "post": ("后",),
    "multi": ("多",),
    "anti": ("反", "抗"),
    "counter": ("反",),
    "back": ("反向",),
    "re": ("重", "再"),
    "self": ("自",),
    "auto": ("自动", "自"),
    "semi": ("半",),
    "super": ("超",),
    "hyper": ("超",),
    "micro": ("微",),
    "over": ("过",),
    "under": ("欠",),
    "cross": ("跨",),
    "bi": ("双",),
    "tele": ("遥", "远"),
    "de": ("去", "反", "解"),
    "sub": ("子", "次", "亚"),
    "geo": ("地球", "地理"),
}
_PREFIX_ORDER = sorted(AFFIXES, key=len, reverse=True)
