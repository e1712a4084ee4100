"""Sentences past the first few of each term wait on disk: what is read back is what a table
that kept them all in memory holds, in the same order."""

from __future__ import annotations

import sqlite3
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import glossary.spill
from glossary.candidates import CandidateTable
from glossary.errors import GlossaryError
from glossary.models import Context, Entry, Sentence
from glossary.spill import ContextSpill


def row(source: str, line: int, sentence: str = "句子") -> tuple[str, int, str, int, int]:
    return (source, line, sentence, 0, 2)


def test_an_empty_spill_reads_nothing() -> None:
    spill = ContextSpill()
    assert spill.keys == set()
    assert spill.rows("模型") == []
    spill.add("模型", [])
    assert spill.keys == set()
    spill.drop(["模型"])
    spill.close()


@pytest.mark.parametrize("pending_bytes", [1, 60, 4_000_000])
def test_rows_come_back_per_key_in_the_order_they_were_added(
    pending_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether each batch is written at once, some are, or all stay in memory."""
    monkeypatch.setattr(glossary.spill, "_PENDING_BYTES", pending_bytes)
    spill = ContextSpill()
    spill.add("模型", [row("a.txt", 1), row("a.txt", 2)])
    spill.add("token", [row("a.txt", 3)])
    spill.add("模型", [row("b.txt", 1)])
    assert spill.keys == {"模型", "token"}
    assert spill.rows("模型") == [row("a.txt", 1), row("a.txt", 2), row("b.txt", 1)]
    assert spill.rows("token") == [row("a.txt", 3)]
    assert spill.rows("智能体") == []
    spill.add("token", [row("c.txt", 9)])  # after a read: appended, not lost
    assert spill.rows("token") == [row("a.txt", 3), row("c.txt", 9)]
    assert spill.on_disk == (pending_bytes < 4_000_000)
    spill.close()
    assert (spill.keys, spill.rows("token"), spill.on_disk) == (set(), [], False)


@pytest.mark.parametrize("pending_bytes", [1, 60, 4_000_000])
def test_a_spill_taken_over_follows_each_key_s_own_rows(
    pending_bytes: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whether the batches of either are on disk, some of them or none."""
    monkeypatch.setattr(glossary.spill, "_PENDING_BYTES", pending_bytes)
    spill, other = ContextSpill(), ContextSpill()
    spill.add("模型", [row("a.txt", 1)])
    other.add("token", [row("b.txt", 1), row("b.txt", 2)])
    other.add("模型", [row("b.txt", 3)])
    other.add("token", [row("b.txt", 4)])
    other.add("模型", [row("b.txt", 5)])
    spill.take(other)
    assert spill.keys == {"模型", "token"}
    assert spill.rows("模型") == [row("a.txt", 1), row("b.txt", 3), row("b.txt", 5)]
    assert spill.rows("token") == [row("b.txt", 1), row("b.txt", 2), row("b.txt", 4)]
    assert (other.keys, other.rows("token"), other.on_disk) == (set(), [], False)
    spill.add("token", [row("c.txt", 1)])
    assert spill.rows("token")[-1] == row("c.txt", 1)
    spill.close()


@pytest.mark.parametrize("pending_bytes", [1, 4_000_000])
def test_a_dropped_key_starts_again(pending_bytes: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(glossary.spill, "_PENDING_BYTES", pending_bytes)
    spill = ContextSpill()
    spill.add("模型", [row("a.txt", 1)])
    spill.add("token", [row("a.txt", 2)])
    spill.drop(["模型", "never-spilled"])
    assert spill.keys == {"token"}
    assert spill.rows("模型") == []
    spill.add("模型", [row("d.txt", 4)])
    assert spill.rows("模型") == [row("d.txt", 4)]
    assert spill.rows("token") == [row("a.txt", 2)]


def entry(
    contexts: list[tuple[str, int, str, int, int]], spilled_from: tuple[tuple[str, int], ...]
) -> Entry:
    return Entry(
        term="Token",
        zh="词元",
        en="Token",
        variants=("Token", "词元"),
        lang="mixed",
        score=0.9,
        count=9,
        doc_count=2,
        contexts=tuple(Context(*c) for c in contexts),
        spilled_from=spilled_from,
    )


def test_an_entry_s_sentences_are_its_kept_ones_then_its_spilled_ones() -> None:
    spill = ContextSpill()
    spill.add("token", [row("b.txt", 5), row("c.txt", 1)])
    kept = [row("a.txt", 1), row("a.txt", 2)]
    every = spill.every_context(entry(kept, (("token", 2),)))
    assert every == tuple(Context(*c) for c in [*kept, row("b.txt", 5), row("c.txt", 1)])
    assert all(type(c) is Context for c in every)
    unspilled = entry(kept, ())
    assert spill.every_context(unspilled) is unspilled.contexts


def test_a_pair_s_sentences_follow_each_side_and_each_sentence_comes_once() -> None:
    """English side (two kept, one spilled), then the Chinese side: its kept sentences that
    were not the English side's, then its spilled ones. A sentence that holds both sides
    (b.txt line 5) is cited once, where it first came, even across kept and spilled."""
    spill = ContextSpill()
    spill.add("token", [row("b.txt", 5)])
    spill.add("词元", [row("a.txt", 2), row("d.txt", 1)])
    kept = [row("a.txt", 1), row("a.txt", 2), row("b.txt", 5), row("c.txt", 3)]
    every = spill.every_context(entry(kept, (("token", 2), ("词元", 2))))
    expected = [row("a.txt", 1), row("a.txt", 2), row("b.txt", 5), row("c.txt", 3), row("d.txt", 1)]
    assert every == tuple(Context(*c) for c in expected)


def test_a_spilling_table_needs_a_cap_and_is_filled_by_merging() -> None:
    with pytest.raises(ValueError, match="needs max_contexts"):
        CandidateTable(None, spill=ContextSpill())
    table = CandidateTable(1, spill=ContextSpill())
    table.add("模型", Sentence("a.txt", 1, "模型一", 0), 0, ["ngram"])
    with pytest.raises(TypeError, match="filled by merging"):
        table.add("模型", Sentence("a.txt", 2, "模型二", 0), 0, ["ngram"])


# A chunk: documents, each a list of sentences, each the keys used in it.
chunks_strategy = st.lists(
    st.lists(st.lists(st.sampled_from(["模型", "词元", "智能体", "算力"]), max_size=3), max_size=5),
    min_size=1,
    max_size=6,
)


def chunk_table(chunk: list[list[str]], index: int, first: int = 0) -> CandidateTable:
    """A table of the chunk's sentences; ``first``: the number of the first one's line,
    less one (the chunk goes on from there)."""
    table = CandidateTable()
    for number, keys in enumerate(chunk, start=first):
        sentence = Sentence(f"chunk{index}.txt", number + 1, f"第{number}句" + "".join(keys), 0)
        for key in keys:
            table.add(key, sentence, sentence.text.index(key), ["ngram"])
    return table


@settings(max_examples=60, deadline=None)
@given(
    chunks=chunks_strategy,
    cap=st.integers(min_value=1, max_value=3),
    prune_after=st.integers(0, 6),
    in_sections=st.sets(st.integers(0, 5)),
)
def test_kept_and_spilled_sentences_are_those_a_table_keeping_all_holds(
    chunks: list[list[list[str]]], cap: int, prune_after: int, in_sections: set[int]
) -> None:
    """Chunk tables merged into a table that keeps ``cap`` sentences per key and spills
    the rest, against one that keeps them all: the first chunk taken over whole, the others
    merged, and both pruned after the same chunk (every plain key goes; one seen again
    starts over, in both). The chunks ``in_sections`` are read as a large document's are,
    in two sections merged into a table that keeps ``cap`` and spills into a spill of its
    own, which follows it into the other."""
    every = CandidateTable()
    spill = ContextSpill()
    capped = CandidateTable(cap, spill=spill)
    for index, chunk in enumerate(chunks):
        every.merge_table(chunk_table(chunk, index))
        if index in in_sections:
            half = len(chunk) // 2
            own_spill = ContextSpill()
            own = CandidateTable(cap, spill=own_spill)
            own.merge_table(chunk_table(chunk[:half], index))
            own.merge_state(chunk_table(chunk[half:], index, half).to_state())
            capped.merge_table(own)
            assert not own_spill.keys  # handed over
        else:
            capped.merge_table(chunk_table(chunk, index))
        if index == prune_after:
            every.prune(10**6, 0)
            capped.prune(10**6, 0)
    assert capped.candidates.keys() == every.candidates.keys()
    for key, candidate in every.candidates.items():
        kept = capped.candidates[key].contexts
        assert len(kept) == min(cap, len(candidate.contexts))
        assert kept + spill.rows(key) == candidate.contexts
    assert spill.keys == {k for k, c in every.candidates.items() if len(c.contexts) > cap}


def test_a_table_keeps_every_sentence_of_the_keys_it_must_and_spills_none_of_them() -> None:
    spill = ContextSpill()
    capped = CandidateTable(1, ["模型"], spill=spill)
    for index in range(3):
        capped.merge_state(chunk_table([["模型", "算力"]], index).to_state())
    assert len(capped.candidates["模型"].contexts) == 3
    assert spill.keys == {"算力"}
    assert len(spill.rows("算力")) == 2


def test_a_full_disk_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite's own error when its file may grow no more, as one line that says what to do."""
    real_connect = sqlite3.connect

    def room_for_the_tables_only(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = real_connect(*args, **kwargs)
        connection.execute("PRAGMA max_page_count = 3")
        return connection

    monkeypatch.setattr(sqlite3, "connect", room_for_the_tables_only)  # spill imports it late
    monkeypatch.setattr(glossary.spill, "_PENDING_BYTES", 1)
    spill = ContextSpill()
    with pytest.raises(GlossaryError, match=r"disk is full.*--max-contexts N"):
        spill.add("模型", [row("a.txt", n, "很长的句子" * 400) for n in range(10)])
