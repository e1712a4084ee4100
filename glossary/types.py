"""What kind of thing an entry names: a concept, an organisation, a product, a person or
other — so translators can filter names from concepts.

The rules read the forms of the entry and the evidence the extractors left (a job title
before a name, a middle dot in a transliterated name, an organisation suffix or head in
either language, a version number, a company officer named after it), in order, first
match wins; anything else is a concept. jieba's name tags are trusted only for words that
CC-CEDICT does not know as common words.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Literal

from glossary.lexicon import ORGANISATION_SUFFIXES, ROLE_WORDS
from glossary.text import is_han

TermType = Literal["concept", "org", "product", "person", "other"]

_NAME_DOTS = "·•‧・"
_NAME_DOT = re.compile(f"[{_NAME_DOTS}]")
_CAMEL = re.compile(r"[a-z][A-Z]")
_ACRONYM = re.compile(r"[A-Z]{2,6}s?")
_AI_ERA = re.compile(r"AI\b|AI\d")  # AI 2.0, AI1.0
_SERVICE_OR_AUDIENCE = re.compile(r"aaS$|^To[A-Z]$")  # PaaS, ToB
_LETTER = re.compile(r"[A-Za-z]")
_DIGIT = re.compile(r"\d")
_PRODUCT_STEMS = ("GPT", "GLM", "LLaMA", "Llama", "Qwen", "Gemma", "Claude", "Gemini", "BERT")
# Suffixes that make an organisation whatever comes before them.
_STRONG_ORG_SUFFIXES = frozenset(
    """集团 公司 实验室 研究院 研究所 大学 学院 银行 证券 创投 资本 委员会 管理局 管理署
    理事会 协会 学会 基金会 联合会 促进会 策进会 联盟 总局 总署""".split()
)
# The last word of an English name that makes it an organisation's (Hospital Authority,
# Joint Commission of Taiwan), and the first words that do (Ministry of Health).
_ORG_HEADS = frozenset(
    """Authority Council Commission Committee Board Office Administration Agency Bureau
    Department Institute Institutes University Foundation Association Society Federation
    Organization Organisation Consortium Alliance Corporation Inc Ltd Group""".split()
)
_ORG_OPENINGS = ("Ministry of ", "Department of ", "University of ", "Institute of ")
_INNER_ORG_HEADS = frozenset({"Commission", "Council", "Board", "Committee"})
# The last word of an English name of a law, an agreement, an event or a programme
# (Artificial Intelligence Act, World Radiocommunication Conference), and the Chinese ones.
_OTHER_HEADS = frozenset(
    """Act Regulation License Licence Conference Symposium Summit Congress Hackathon Award
    Prize Programme Scheme Sandbox Strategy""".split()
)
_OTHER_OPENINGS = ("Code of ", "Project ")
_OTHER_SUFFIXES = ("法案", "条例", "法规", "大会", "研讨会", "峰会")
_STANDARD = re.compile(r"(?:ISO(?:/IEC)?|IEC|IEEE|RFC|GB(?:/T)?) ?\d[\d.:-]*")
# Files, documents and numbered references: CONTRIBUTING.md, LICENSE, CVE-2026-1234,
# SP 800-207, 3GPP TS 23.501 (not standards: ISO 26262 and RFC 7231 are concepts).
_OTHER_FORMS = re.compile(
    r"[\w-]+\.(?:md|rst|txt|py|ya?ml|json|toml|cfg|ini|sh)"
    r"|LICENSE|README|CHANGELOG|CONTRIBUTING|FAQ"
    r"|[A-Z]{1,4}-(?:19|20)\d\d-\d+"
    r"|(?:\w+ )?(?:SP|TS|TR) \d[\d.-]*"
)
# What follows an organisation's name and no product's or concept's: its officers.
_ORG_CUES = ("创始人", "联合创始人", "副总裁", "总裁", "首席", "CEO", "CTO", "董事长", "总经理")
# A name in Latin letters: a capital and a lower-case letter in it (not an acronym).
_LATIN_NAME = re.compile(r"[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*")
# Product endings after a name: 文心大模型, 讯飞星火大模型, 飞星一号, 文心一言, 通义千问.
_PRODUCT_ENDINGS = ("大模型", "一号", "二号", "三号", "一言", "千问", "平台", "助手")
_CLOUD_ORGS = ("云",)  # 阿里云, 腾讯云, 百度智能云: cloud businesses are organisations
_FAMOUS = 40  # jieba count from which a name-tagged word is a household (company) name


def term_type(
    forms: Iterable[str],
    signals: Iterable[str],
    pos: Callable[[str], str | None],
    frequency: Callable[[str], int],
    *,
    common: Callable[[str], bool] = lambda word: False,
    followers: Iterable[str] = (),
) -> TermType:
    """Classify an entry from its forms (zh and en surfaces) and the signals that found it.

    ``pos`` gives jieba's part-of-speech tag of a word (or None), ``frequency`` its count in
    jieba's dictionary (0 for a word it does not know), ``common`` whether a dictionary
    knows the word as a common word only (jieba tags 索引 "index" a person's name);
    ``followers`` are the texts right after the entry's occurrences (MiniMax 副总裁…).

    >>> tag = lambda w: None
    >>> term_type(["枫清科技", "Fabarta"], ["pair"], tag, lambda w: 0)
    'org'
    >>> term_type(["GPT-4"], ["latin"], tag, lambda w: 0)
    'product'
    >>> term_type(["伊利亚·苏茨克维尔"], ["pair"], tag, lambda w: 0)
    'person'
    >>> term_type(["通用人工智能", "AGI"], ["pair"], tag, lambda w: 0 if w == "通用人工" else 9)
    'concept'
    """
    forms = [f for f in forms if f]
    signals = set(signals)
    chinese = [f for f in forms if any(is_han(c) for c in f)]
    latin = [f for f in forms if not any(is_han(c) for c in f)]
    if "person" in signals or any(_dotted_name(f) for f in chinese):
        return "person"
    if "employer" in signals:
        return "org"
    for form in chinese:
        kind = _chinese_type(form, pos, frequency, common)
        if kind is not None:
            return kind
    named = chinese or any(_LATIN_NAME.fullmatch(f.strip()) for f in latin)
    if named and any(follower.lstrip().startswith(_ORG_CUES) for follower in followers):
        return "org"  # a company's officers follow its name: MiniMax 副总裁, 月之暗面创始人
    for form in latin:
        kind = _latin_type(form, has_chinese=bool(chinese))
        if kind is not None:
            return kind
    if "pair" in signals and _paired_name(chinese, latin, frequency):
        return "org"
    return "concept"


def _paired_name(chinese: list[str], latin: list[str], frequency: Callable[[str], int]) -> bool:
    """``欧易(OKX)``, ``币安(Binance)``: a short Chinese name no dictionary holds, paired with
    one English word that never appears in lower case (a name, not a common noun like
    token)."""
    words = {form.strip() for form in latin}
    if not words or any(" " in w or w.islower() for w in words):
        return False
    if any(w.lower() in {x.lower() for x in words if x != w} for w in words):
        return False  # Token and token: a common noun written both ways
    return any(2 <= len(zh) <= 4 and not _holds_a_word(zh, frequency) for zh in chinese)


def _holds_a_word(text: str, frequency: Callable[[str], int]) -> bool:
    """True when some two or more characters of ``text`` make a dictionary word: 过拟合
    holds 拟合 (a term built from words), 欧易 and 币安 hold none (a brand)."""
    return any(
        frequency(text[i:j]) > 0 for i in range(len(text)) for j in range(i + 2, len(text) + 1)
    )


def _dotted_name(form: str) -> bool:
    parts = _NAME_DOT.split(form)
    return len(parts) >= 2 and all(p and all(is_han(c) for c in p) for p in parts)


def _chinese_type(
    form: str,
    pos: Callable[[str], str | None],
    frequency: Callable[[str], int],
    common: Callable[[str], bool],
) -> TermType | None:
    def known(word: str) -> bool:
        return frequency(word) > 0

    tag = pos(form)
    if common(form):
        tag = None  # jieba's name tags are wrong for 索引, 卫星, 许可证: common words
    if tag in ("nt", "nz"):
        return "org"  # 腾讯, 三星: jieba's organisation and other-proper-noun tags
    if tag in ("nr", "nrt", "nrfg"):
        # jieba tags transliterations nr too: the well-known ones (华为, 索尼, 阿里) are
        # companies; people's names are rare words in its dictionary (李开复, 马斯克).
        return "org" if known(form) and frequency(form) >= _FAMOUS else "person"
    if form.endswith(_OTHER_SUFFIXES) and len(form) > 3:
        return "other"  # 人工智能法案, 世界人工智能大会
    for suffix in _STRONG_ORG_SUFFIXES:
        if form.endswith(suffix) and len(form) > len(suffix):
            return "org"
    for suffix in (*ORGANISATION_SUFFIXES, *_CLOUD_ORGS):
        stem = form[: -len(suffix)]
        if form.endswith(suffix) and len(stem) >= 2 and _proper(stem, pos, known):
            return "org"
    for ending in _PRODUCT_ENDINGS:
        stem = form[: -len(ending)]
        name_like = len(stem) >= 2 and is_han(stem[-1]) and _proper(stem, pos, known)
        if form.endswith(ending) and name_like:
            return "product"
    if _LETTER.search(form) and _DIGIT.search(form):
        return "product"  # 文心大模型3.5
    return None


def _proper(stem: str, pos: Callable[[str], str | None], known: Callable[[str], bool]) -> bool:
    """A name-like stem: Latin, a name in jieba's dictionary, or two or three characters it
    does not know (百川, 达观, 旷视) — not a longer phrase of known words (通用人工)."""
    stem = stem.strip()
    if not stem:
        return False
    if not is_han(stem[-1]):
        return True
    if known(stem):
        return pos(stem) in ("nz", "nr", "nrt", "ns", "nt", "j")
    return len(stem) <= 3


def _latin_type(form: str, has_chinese: bool) -> TermType | None:
    word = form.strip()
    if _organisation_name(word):
        return "org"
    if _OTHER_FORMS.fullmatch(word) or _named_with(word, _OTHER_HEADS, _OTHER_OPENINGS):
        return "other"
    if _STANDARD.fullmatch(word):
        return None  # ISO 26262, RFC 7231: standards are concepts, whatever their number
    if word in ROLE_WORDS:
        return "other"  # CEO, CTO
    if _AI_ERA.match(word):
        return None  # AI 2.0, AI1.0: eras of a concept, not products
    if any(stem in word for stem in _PRODUCT_STEMS) or _versioned(word):
        return "product"  # GPT-4, Llama3.1, o1
    if _ACRONYM.fullmatch(word) or _SERVICE_OR_AUDIENCE.search(word):
        return None  # AI, GPU, NLP, PaaS, ToB: concepts unless the Chinese form says otherwise
    if len(word) > 4 and " " not in word and word.endswith("AI"):
        return "org"  # OpenAI, MiniMax AI
    if len(word) > 4 and " " not in word and _CAMEL.search(word):
        # a product (PyTorch, PostgreSQL, TypeScript; DeepMind is a miss), unless the text
        # gives it a Chinese name, as it does for companies (OpenCSG, 开放传神)
        return "org" if has_chinese else "product"
    if word == "xAI":
        return "org"
    if " " not in word and word[:1].isupper() and word[1:].islower() and not has_chinese:
        return "product"  # a capitalised name seen alone: Sora, Grok, Windows
    return None


def _versioned(word: str) -> bool:
    r"""A letter with a digit somewhere after it: GPT-4, o1, Llama3.1 (not 2B, a number).
    Two searches, not the pattern ``[A-Za-z].*\d``, which backtracks from every letter of
    a word with no digit.

    >>> [_versioned(w) for w in ("GPT-4", "o1", "2B", "Scaling Law", "Llama 3.1")]
    [True, True, False, False, True]
    """
    letter = _LETTER.search(word)
    return letter is not None and _DIGIT.search(word, letter.end()) is not None


def _organisation_name(name: str) -> bool:
    """An English name of two words or more, its words capitalised but for the small ones,
    that ends in an organisation's head or opens like one (Hospital Authority, Knowledge
    Transfer Office, Ministry of Health and Welfare).

    >>> _organisation_name("Joint Commission of Taiwan"), _organisation_name("Scaling Law")
    (True, False)
    """
    return _named_with(name, _ORG_HEADS, _ORG_OPENINGS) or (
        _title_case(name) and not _INNER_ORG_HEADS.isdisjoint(name.split()[1:-1])
    )  # Joint Commission of Taiwan


def _named_with(name: str, heads: frozenset[str], openings: tuple[str, ...]) -> bool:
    """A name in title case that ends in one of ``heads`` or opens with ``openings``."""
    if not _title_case(name):
        return False
    return name.rsplit(maxsplit=1)[-1].rstrip(".") in heads or name.startswith(openings)


def _title_case(name: str) -> bool:
    """Two words or more, each capitalised but the small ones (of, and, the)."""
    words = name.replace(",", " ").split()
    return len(words) >= 2 and all(w[:1].isupper() or (w.islower() and len(w) <= 3) for w in words)
