"""Pinyin for Chinese terms (built with pypinyin) and the normal form used to look it up.

Building needs pypinyin; looking up needs only :func:`pinyin_key`, which imports nothing
heavy, so ``glossary lookup`` never loads pypinyin.
"""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z]")


def pinyin_marks(text: str) -> str:
    """Pinyin with tone marks, one syllable per Han character, Latin kept as written.

    >>> pinyin_marks("尺度定律")
    'chǐ dù dìng lǜ'
    >>> pinyin_marks("生成式AI")
    'shēng chéng shì AI'
    """
    from pypinyin import Style, pinyin

    syllables = pinyin(text, style=Style.TONE, heteronym=False, errors="default")
    return " ".join(" ".join(s[0] for s in syllables).split())


def pinyin_key(text: str) -> str:
    """Toneless letters only: the form pinyin is indexed and queried under.

    Tone marks, tone numbers, spaces and apostrophes fall away; ü is written v.

    >>> pinyin_key("chǐ dù dìng lǜ"), pinyin_key("chi du ding lv"), pinyin_key("zhi4 neng2 ti3")
    ('chidudinglv', 'chidudinglv', 'zhinengti')
    """
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("u:", "v"))
    decomposed = decomposed.replace("u\u0308", "v")  # ü, ǖ, ǘ, ǚ, ǜ
    text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NOT_LETTERS.sub("", text)


def initial_letter(marks: str) -> str:
    """The A–Z heading a term sorts under, from its pinyin (``#`` when none).

    >>> initial_letter("zhì néng tǐ"), initial_letter("")
    ('Z', '#')
    """
    key = pinyin_key(marks)
    return key[0].upper() if key else "#"
