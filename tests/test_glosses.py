"""English glosses of Chinese words (CC-CEDICT), as the pair extractor asks about them."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.glosses import Glosses


@pytest.fixture(scope="module")
def glosses() -> Glosses:
    return Glosses()


@pytest.mark.parametrize(
    ("word", "english", "renders"),
    [
        ("凭证", "Certificate Authority", True),  # certificate
        ("授权", "Certificate Authority", True),  # to authorize ~ authority
        ("中心", "Certificate Authority", False),
        ("堆", "heap dump", True),
        ("固定", "fixed timestep", True),
        ("向后", "backward compatibility", True),
        ("覆盖", "covering index", True),  # to cover ~ covering
        ("抓取", "heap dump", False),
        ("存在", "false positive", False),
        ("人工智能", "AI Act", True),  # artificial intelligence (AI)
        ("模型", "of the", False),  # no content word
        ("不存在的词语", "anything", False),  # not in the dictionary
    ],
)
def test_whether_the_english_renders_a_word(
    glosses: Glosses, word: str, english: str, renders: bool
) -> None:
    assert glosses.renders(word, english) is renders


def test_stems_meet_other_forms_of_a_word(glosses: Glosses) -> None:
    stem = glosses.stem
    assert stem("authority") == stem("authorize") == "author"
    assert stem("Covering") == stem("cover") == "cover"
    assert stem("timestep") != stem("step")


def test_english_stems_leave_out_function_words(glosses: Glosses) -> None:
    english_stems = glosses.english_stems
    assert english_stems("Principle of Least Privilege") == {"princi", "least", "privil"}
    assert english_stems("to be or not") == {"not"}
    assert english_stems("GPU") == {"gpu"}
    assert english_stems("") == frozenset()
    # words a dictionary's notes use are content words of a term
    assert english_stems("variant allele frequency") == {"varian", "allel", "freque"}


def test_glosses_are_read_only_when_asked() -> None:
    fresh = Glosses()
    assert fresh._dictionary is None
    assert "certif" in fresh.stems("凭证")
    assert fresh._dictionary is not None


@pytest.mark.parametrize(
    ("word", "verbal"),
    [
        ("利用", True),  # to exploit
        ("接管", True),  # to take over
        ("读取", True),  # (of a computer etc) to read
        ("模型", False),  # model
        ("推理", False),  # reasoning first, to infer later
        ("不存在的词语", False),
    ],
)
def test_whether_the_first_sense_is_a_verb(glosses: Glosses, word: str, verbal: bool) -> None:
    assert glosses.verbal(word) is verbal


def test_the_parsed_dictionary_is_kept_in_the_user_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = Glosses()
    assert first.renders("凭证", "Certificate Authority")
    kept = list((tmp_path / "glossary").glob("cedict-*.marshal"))
    assert len(kept) == 1
    # a later process reads the kept copy (and leaves it as it is) and answers the same
    written = kept[0].stat().st_mtime_ns
    second = Glosses()
    assert second.renders("凭证", "Certificate Authority")
    assert second.verbal("利用")
    assert kept[0].stat().st_mtime_ns == written
    # a damaged copy is parsed again, and replaced
    kept[0].write_bytes(b"not marshal data")
    third = Glosses()
    assert third.stems("凭证") == first.stems("凭证")
    assert kept[0].stat().st_size > 1_000_000


def test_an_unwritable_cache_only_costs_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("a file where the cache folder would go", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert Glosses().renders("凭证", "Certificate Authority")
