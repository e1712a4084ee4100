"""Word segmentation: jieba for Han text, with Latin-script spans kept whole.

jieba is heavy (about half a second and ~100 MiB to load its dictionary), so it is loaded
only when a :class:`Segmenter` is first used, never at import, and each Segmenter owns a
private ``jieba.Tokenizer`` instead of jieba's process-wide one.

When the optional ``rjieba`` (jieba's Rust port, the ``fast`` extra) is
installed, it cuts the Han runs instead: the same dictionary and HMM, so the same words,
several times faster. ``GLOSSARY_SEGMENTER=jieba`` (or ``Segmenter(backend="jieba")``)
forces pure jieba; dictionary counts and part-of-speech tags always come from jieba's data,
read from a parsed copy in the user's cache (:func:`jieba_dictionary`): jieba itself loads
only to cut (the jieba backend) or to count the curated words it is taught.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast, get_args

from glossary.errors import GlossaryError
from glossary.extract.latin import latin_spans
from glossary.glosses import Glosses
from glossary.parsed_cache import load_parsed, package_file

TokenKind = Literal["han", "latin", "digit", "space", "punct"]
Backend = Literal["auto", "jieba", "rjieba"]
BACKEND_VARIABLE = "GLOSSARY_SEGMENTER"

# What a sentence is made of, in one pass: a run of what jieba takes for Han characters (its
# re_han_default) or one other Han character (glossary.text.is_han: extension A, U+9FD6 and
# up, the compatibility block, which jieba yields one by one and rjieba would join), an
# ASCII letter or digit run (a dot between digits stays inside: 3.5), or any other single
# character.
_PIECES = re.compile(
    "([\u4e00-\u9fd5]+|[\u3400-\u4dbf\u9fd6-\u9fff\uf900-\ufaff])"
    r"|([A-Za-z0-9](?:[A-Za-z0-9]|(?<=[0-9])\.(?=\d))*)"
    "|(.)",
    re.DOTALL,
)
# A word no Han run contains; its count makes rjieba's dictionary total jieba's (_rjieba).
_TOTAL_FILLER = "<total>"


class Token(NamedTuple):
    text: str
    start: int
    end: int
    kind: TokenKind


class Segmenter:
    """Segments folded sentences into tokens; knows jieba's dictionary frequency and POS tags."""

    def __init__(self, extra_words: Iterable[str] = (), backend: Backend | None = None) -> None:
        """``extra_words``: words to keep whole (curated terms), taught to jieba when it loads.

        ``backend`` cuts the Han runs: ``jieba``, ``rjieba`` or ``auto`` (rjieba when it is
        installed); ``None`` reads ``GLOSSARY_SEGMENTER``, which worker processes inherit.
        """
        self._tokenizer: Any = None
        self._dictionary: JiebaDictionary | None = None
        # An empty word would only double jieba's dictionary total (rjieba ignores it).
        self._extra_words = tuple(word for word in extra_words if word)
        self._backend = backend or _backend_from_environment()
        self._fast: Any = None  # the rjieba.Jieba that cuts, once loaded
        self._glosses: Glosses | None = None

    @property
    def tokenizer(self) -> Any:
        if self._tokenizer is None:
            import logging

            import jieba

            jieba.setLogLevel(logging.WARNING)
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            for word in self._extra_words:
                tokenizer.add_word(word)
            self._tokenizer = tokenizer
        return self._tokenizer

    @property
    def backend(self) -> Literal["jieba", "rjieba"]:
        """The library that cuts Han runs (for ``auto``, rjieba if it can be imported)."""
        return "jieba" if self._rjieba() is None else "rjieba"

    def _rjieba(self) -> Any:
        """rjieba, taught to cut exactly as this segmenter's jieba; None when jieba cuts."""
        if self._backend == "jieba":
            return None
        if self._fast is None:
            try:
                rjieba = _import_rjieba()
            except ImportError:
                if self._backend == "rjieba":
                    raise GlossaryError(
                        "rjieba is not installed (pip install -e '.[fast]'); "
                        f"unset {BACKEND_VARIABLE} or set it to jieba"
                    ) from None
                self._backend = "jieba"
                return None
            fast = rjieba.Jieba()
            if self._extra_words:
                tokenizer = self.tokenizer
                for word in set(self._extra_words):
                    # jieba's count: rjieba's own suggestion rounds differently.
                    fast.add_word(word, tokenizer.FREQ[word], None)
                total, counted = tokenizer.total, sum(tokenizer.FREQ.values())
            else:  # jieba's dictionary as it is: no need to load jieba
                total, counted = self.dictionary.total, self.dictionary.counted
            # rjieba's total is the sum of its words' counts; jieba's also counts every
            # repeated line of dict.txt (B超 is there twice) and every word added again. The
            # total weighs every path, so a word no Han run contains makes up the difference.
            fast.add_word(_TOTAL_FILLER, total - counted, None)
            self._fast = fast
        return self._fast

    def load(self) -> None:
        """Load now, rather than on first use, what cutting and looking words up takes:
        rjieba (or jieba), jieba's counts and tags, CC-CEDICT's glosses."""
        if self._rjieba() is None:
            self.tokenizer  # noqa: B018 - the property loads jieba
        self.dictionary  # noqa: B018 - loads the counts
        self.glosses.load()

    @property
    def glosses(self) -> Glosses:
        """English glosses of Chinese words (CC-CEDICT), read when first asked."""
        if self._glosses is None:
            self._glosses = Glosses()
        return self._glosses

    @property
    def dictionary(self) -> JiebaDictionary:
        """jieba's dictionary as its file has it (see :func:`jieba_dictionary`)."""
        if self._dictionary is None:
            self._dictionary = jieba_dictionary()
        return self._dictionary

    def dictionary_frequency(self, word: str) -> int:
        """jieba's dictionary count for ``word``; 0 for a word it does not know. With extra
        words, jieba itself answers: it gives each the count it would cut with."""
        if self._extra_words:
            return int(self.tokenizer.FREQ.get(word, 0) or 0)
        return self.dictionary.count(word)

    def pos(self, word: str) -> str | None:
        """jieba's dictionary part-of-speech tag for ``word`` (``n``, ``v``, ``nr``, …)."""
        return self.dictionary.tag(word)

    def tokens(self, folded: str, latin: Iterable[tuple[int, int]] | None = None) -> list[Token]:
        """Tokens of a width-folded sentence; offsets index into ``folded``.

        Latin-script terms (``Scaling Law``, ``GPT-4``) come out as one token each (``latin``:
        their spans, when the caller has them already); Han runs go through jieba (with its
        HMM for unknown words) or rjieba; the rest is split per character.
        """
        out: list[Token] = []
        position = 0
        for start, end in latin_spans(folded) if latin is None else latin:
            self._cut_between(folded, position, start, out)
            out.append(Token(folded[start:end], start, end, "latin"))
            position = end
        self._cut_between(folded, position, len(folded), out)
        return out

    def _cut_between(self, text: str, start: int, end: int, out: list[Token]) -> None:
        if start >= end:
            return
        fast = self._rjieba()
        append = out.append
        # Token(...) runs the named tuple's __new__, a Python function; tuple.__new__ makes
        # the same Token at a third of the cost (this runs for every word of the corpus).
        token = tuple.__new__
        # The pieces cover the text one after another, so their offsets add up; findall
        # gives them all in one call, without a match object each.
        i = start
        for han, latin, other in _PIECES.findall(text, start, end):
            if han:
                words = self.tokenizer.cut(han, HMM=True) if fast is None else fast.cut(han, True)
                for word in words:
                    append(token(Token, (word, i, i + len(word), "han")))
                    i += len(word)
            elif latin:
                kind = "digit" if latin.replace(".", "").isdigit() else "latin"
                append(token(Token, (latin, i, i + len(latin), kind)))
                i += len(latin)
            else:
                append(token(Token, (other, i, i + 1, "space" if other.isspace() else "punct")))
                i += 1


def _import_rjieba() -> Any:
    """rjieba's compiled module (its ``Jieba``); ImportError when rjieba is not installed.

    Importing the rjieba package builds a process-wide ``Jieba`` with the default
    dictionary, about 0.04 s in every process, which no Segmenter uses: each builds its
    own. So the compiled module is loaded on its own when it is found beside the package,
    and registered under its own name, where the package's ``from .rjieba import Jieba``
    finds it if the package is imported later (it cannot be initialised twice).
    """
    import importlib.machinery
    import importlib.util
    import sys

    if "rjieba" in sys.modules:  # imported already (or marked missing: None)
        import rjieba

        return rjieba
    if "rjieba.rjieba" in sys.modules:
        return sys.modules["rjieba.rjieba"]
    package = importlib.util.find_spec("rjieba")
    if package is None:
        raise ImportError("No module named 'rjieba'")
    for folder in package.submodule_search_locations or ():
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            path = Path(folder, "rjieba" + suffix)
            spec = importlib.util.spec_from_file_location("rjieba.rjieba", path)
            if not path.is_file() or spec is None or spec.loader is None:
                continue
            module = importlib.util.module_from_spec(spec)
            sys.modules[spec.name] = module
            try:
                spec.loader.exec_module(module)
            except BaseException:  # as the import system does: no half-made module left
                del sys.modules[spec.name]
                raise
            return module
    import rjieba  # laid out otherwise than rjieba 0.2: the package as it is

    return rjieba


def _backend_from_environment() -> Backend:
    value = os.environ.get(BACKEND_VARIABLE) or "auto"
    if value in get_args(Backend):
        return cast(Backend, value)
    raise GlossaryError(f"{BACKEND_VARIABLE}={value}: use one of {', '.join(get_args(Backend))}")


class JiebaDictionary:
    """jieba's dictionary file: each word's count and part-of-speech tag (a word repeated
    keeps its last count and the last tag given, as in jieba), the total of every line's
    count and the sum of the words' counts.

    Each word's count and tag are packed in one number, ``count * len(tags) + the tag's
    index``: one dict of 349,000 words is read from the cache in two thirds of the time of
    two (every process reads it).

    >>> words = JiebaDictionary({"模型": 2890 * 2 + 1, "的": 5 * 2}, ("", "n"), 3000, 2895)
    >>> words.count("模型"), words.tag("模型"), words.count("的"), words.tag("的")
    (2890, 'n', 5, None)
    >>> words.count("数推分离"), words.tag("数推分离")
    (0, None)
    """

    def __init__(self, packed: dict[str, int], tags: tuple[str, ...], total: int, counted: int):
        self.packed = packed
        self.tags = tags  # "" first: a word with no tag
        self.total = total
        self.counted = counted

    def count(self, word: str) -> int:
        return self.packed.get(word, 0) // len(self.tags)

    def tag(self, word: str) -> str | None:
        packed = self.packed.get(word)
        return None if packed is None else self.tags[packed % len(self.tags)] or None


def jieba_dictionary() -> JiebaDictionary:
    """jieba's dictionary, read from the user's cache after the first time: 0.08 s against
    0.45 s for jieba to load it and 0.25 s more for the tags, in every process."""
    packed, tags, total, counted = load_parsed(
        "jieba-dict",
        package_file("jieba", "dict.txt"),
        _DICTIONARY_FORMAT,
        _parse_jieba_dictionary,
        _valid_dictionary,
    )
    return JiebaDictionary(packed, tags, total, counted)


_DICTIONARY_FORMAT = 2  # raise when _parse_jieba_dictionary keeps something else


def _parse_jieba_dictionary(source: Path) -> tuple[dict[str, int], tuple[str, ...], int, int]:
    """What :class:`JiebaDictionary` holds, read from jieba's dict.txt (``source``)."""
    words: dict[str, tuple[int, str]] = {}
    total = 0
    with source.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            count = int(parts[1])
            # a repeated word (B超 is there twice): its last count and the last tag given
            tag = parts[2] if len(parts) == 3 else words.get(parts[0], (0, ""))[1]
            words[parts[0]] = (count, tag)
            total += count
    tags = ("", *sorted({tag for _, tag in words.values()} - {""}))
    index = {tag: n for n, tag in enumerate(tags)}
    packed = {word: count * len(tags) + index[tag] for word, (count, tag) in words.items()}
    counted = sum(count for count, _ in words.values())
    return packed, tags, total, counted


def _valid_dictionary(cached: object) -> bool:
    return (
        isinstance(cached, tuple)
        and len(cached) == 4
        and isinstance(cached[0], dict)
        and isinstance(cached[1], tuple)
        and all(isinstance(item, int) for item in cached[2:])
    )
