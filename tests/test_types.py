"""What kind of thing an entry names (glossary.types), with jieba's and CC-CEDICT's real data."""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.segment import Segmenter
from glossary.types import TermType, term_type


@pytest.fixture(scope="module")
def segmenter() -> Segmenter:
    return Segmenter(backend="jieba")


@pytest.mark.parametrize(
    ("forms", "signals", "followers", "expected"),
    [
        # an English name that ends in or opens with an organisation's head
        (["Hospital Authority"], ["latin"], [], "org"),
        (["Ministry of Health and Welfare"], ["pair"], [], "org"),
        (["Joint Commission of Taiwan"], ["pair"], [], "org"),
        (["Scaling Law"], ["latin"], [], "concept"),
        (["Knowledge Transfer office"], ["latin"], [], "concept"),  # not a name's casing
        # … and a Chinese one
        (["国际可持续发展准则理事会"], ["pair"], [], "org"),
        (["世界卫生组织"], ["pair"], [], "org"),  # jieba knows it as one
        (["机器学习"], ["ngram"], [], "concept"),
        # a camel-case name is a product, unless the text gives it a Chinese name
        (["PyTorch"], ["latin"], [], "product"),
        (["OpenCSG", "开放传神"], ["pair"], [], "org"),
        # a company's officers follow its name
        (["MiniMax"], ["latin"], ["副总裁刘华告诉"], "org"),
        (["月之暗面"], ["ngram"], ["创始人杨植麟"], "org"),
        (["Java"], ["latin"], ["工程师"], "product"),
        # laws, events, programmes, files and numbered documents are "other"
        (["Artificial Intelligence Act"], ["pair"], [], "other"),
        (["World Radiocommunication Conference"], ["pair"], [], "other"),
        (["人工智能法案"], ["pair"], [], "other"),
        (["CONTRIBUTING.md"], ["latin"], [], "other"),
        (["CVE-2026-1234"], ["latin"], [], "other"),
        (["3GPP TS 23.501"], ["latin"], [], "other"),
        (["ISO 26262"], ["latin"], [], "concept"),  # a standard, whatever its number
        (["Service Level Agreement"], ["pair"], [], "concept"),
        # jieba tags 索引 and 卫星 as names; the dictionary knows them as common words
        (["索引"], ["ngram"], [], "concept"),
        (["卫星"], ["ngram"], [], "concept"),
        (["华为"], ["ngram"], [], "org"),
    ],
)
def test_term_types(
    forms: list[str],
    signals: list[str],
    followers: list[str],
    expected: TermType,
    segmenter: Segmenter,
) -> None:
    kind = term_type(
        forms,
        signals,
        segmenter.pos,
        segmenter.dictionary_frequency,
        common=segmenter.glosses.common,
        followers=followers,
    )
    assert kind == expected


def test_with_type_changes_the_type_alone() -> None:
    from dataclasses import MISSING, fields, replace

    from glossary.models import Context, Entry

    entry = Entry(
        term="Token",
        zh="词元",
        en="Token",
        variants=("Token", "词元"),
        lang="en",
        score=0.9,
        count=4,
        doc_count=2,
        contexts=(Context("a.txt", 1, "Token(词元)", 0, 5),),
        signals=("pair",),
        pair_count=2,
        sources=("a.txt", "b.txt"),
        renderings=(("词元", 2),),
        surface_counts=(("Token", 3), ("词元", 1)),
        type="product",
        spilled_from=(("token", 1),),
    )
    # every field holds a value of its own, so a field with_type forgot would show
    assert all(
        getattr(entry, f.name) != f.default for f in fields(Entry) if f.default is not MISSING
    )
    assert entry.with_type("org") == replace(entry, type="org")
    assert entry.with_type("org").type == "org"


@pytest.mark.parametrize(("cue_first", "expected"), [(True, "org"), (False, "product")])
def test_the_type_reads_the_sentences_every_run_keeps(
    cue_first: bool, expected: str, tmp_path: Path
) -> None:
    """A company's officer after its name makes it an organisation, when that is among the
    first 20 sentences, the ones every run holds in memory: a run that writes every sentence
    types the entry as one that writes a few does."""
    from glossary.pipeline import ExtractOptions, extract

    plain = [f"Zorblax发布了第{i}个版本的模型。" for i in range(20)]
    officer = [f"Zorblax创始人第{i}次谈到开源。" for i in range(5)]
    lines = officer + plain if cue_first else plain + officer
    (tmp_path / "a.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    for options in (
        ExtractOptions(),
        ExtractOptions(max_contexts=20),
        ExtractOptions(spill_contexts=True),
    ):
        (entry,) = [e for e in extract([str(tmp_path)], options).entries if e.term == "Zorblax"]
        assert (entry.count, entry.type) == (25, expected)
