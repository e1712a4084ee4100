"""Where the per-document work runs: every engine gives the same glossary, and the cache
reads only what changed."""

from __future__ import annotations

import bisect
import itertools
import shutil
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest

from glossary.candidates import CandidateTable
from glossary.engine import EngineOptions, Lines, MapSettings, map_chunks
from glossary.models import Document, Sentence
from glossary.pipeline import Analyser, extract, make_segmenter

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"


def records(paths: list[str], engine: EngineOptions | None = None) -> list[dict[str, object]]:
    return [asdict(e) for e in extract(paths, engine=engine).entries]


@pytest.fixture(scope="module")
def sequential() -> list[dict[str, object]]:
    return records([str(SEEDS)])


def test_worker_processes_give_the_same_glossary(sequential: list[dict[str, object]]) -> None:
    assert records([str(SEEDS)], EngineOptions(workers=2)) == sequential


def test_the_cache_gives_the_same_glossary_cold_and_warm(
    sequential: list[dict[str, object]], tmp_path: Path
) -> None:
    cache = str(tmp_path / "cache.sqlite")
    assert records([str(SEEDS)], EngineOptions(cache=cache)) == sequential
    with sqlite3.connect(cache) as connection:
        assert connection.execute("SELECT COUNT(*) FROM documents").fetchone() == (5,)
    assert records([str(SEEDS)], EngineOptions(cache=cache, workers=2)) == sequential


def test_cached_results_that_cannot_be_unpacked_are_made_again(
    sequential: list[dict[str, object]], tmp_path: Path
) -> None:
    """A blob that is not what pack() writes (another version's, or damaged) is not an
    error: the result is made again, and stored in its place."""
    from glossary.cache import unpack

    cache = str(tmp_path / "cache.sqlite")
    assert records([str(SEEDS)], EngineOptions(cache=cache)) == sequential
    with sqlite3.connect(cache) as connection:
        for kind in ("documents", "chunks", "results"):
            connection.execute(f"UPDATE {kind} SET result = ?", (b"\x78\x01 zlib, not zstd",))
    assert records([str(SEEDS)], EngineOptions(cache=cache)) == sequential
    with sqlite3.connect(cache) as connection:
        blobs = connection.execute("SELECT result FROM results").fetchall()
    assert len(blobs) == 1
    assert type(unpack(blobs[0][0])).__name__ == "Extraction"


def test_a_chunk_made_for_the_cache_is_sent_back_packed_and_no_more(
    many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker sends the chunk it made in the packed form the cache stores (its table
    pickled once, not a second time beside it), which unpacks to the chunk made."""
    import pickle

    import glossary.engine
    from glossary.engine import _made_chunk_job, make_chunk

    monkeypatch.setattr(glossary.engine, "_worker_state", {})  # this test's worker's own
    paths = sorted(str(p) for p in many_files.iterdir())[:3]
    settings = MapSettings(None, 3, ())
    made = make_chunk(paths, settings, Analyser(make_segmenter(), settings).add)
    sent = _made_chunk_job((paths, settings))
    assert made.chunk is not None
    assert sent.chunk is None
    assert sent.result() == made.chunk == made.result()
    assert (sent.packed, sent.documents) == (made.packed, made.documents)
    packed = len(made.packed) + sum(len(document or b"") for document in made.documents)
    assert packed < len(pickle.dumps(sent)) < packed + 1000
    assert len(pickle.dumps(made)) > packed + 10_000  # the table a second time


class CountingAnalyser:
    """The real analyser, counting the documents it is asked to read."""

    def __init__(self) -> None:
        self.settings = MapSettings(None, None, ())
        self.inner = Analyser(make_segmenter(), self.settings)
        self.read: list[str] = []

    def __call__(
        self, table: CandidateTable, document: Document, lines: Lines | None = None
    ) -> None:
        self.read.append(Path(document.source).name)
        self.inner.add(table, document, lines)


def test_an_unchanged_corpus_is_not_read_again_and_one_new_file_is_read_alone(
    tmp_path: Path,
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    options = EngineOptions(cache=str(tmp_path / "cache.sqlite"))
    analyser = CountingAnalyser()

    def run(paths: list[str]) -> int:
        analyser.read.clear()
        list(map_chunks(paths, analyser.settings, options, analyser))
        return len(analyser.read)

    assert run(files) == 5
    assert run(files) == 0
    new = corpus / "new.txt"
    new.write_text("数推分离是一种新架构。\n", encoding="utf-8")
    assert run([*files, str(new)]) == 1
    assert analyser.read == ["new.txt"]
    Path(files[0]).write_text("改过的文章:智能体。\n", encoding="utf-8")
    assert run([*files, str(new)]) == 1  # the edited file, found by its content


def test_progress_is_reported_per_document(tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    extract([str(SEEDS)], progress=lambda done, total: seen.append((done, total)))
    assert seen == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """The address of a local two-worker Dask cluster, shared by this module's tests."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        host="127.0.0.1",
    ) as cluster:
        yield cluster.scheduler_address


def test_the_dask_engine_gives_the_same_glossary(
    sequential: list[dict[str, object]], scheduler: str
) -> None:
    assert records([str(SEEDS)], EngineOptions(scheduler=scheduler)) == sequential


def test_the_dask_engine_fills_the_cache_like_the_local_one(
    sequential: list[dict[str, object]], scheduler: str, tmp_path: Path
) -> None:
    """A cold cached run makes whole chunks on the cluster; the cache it leaves serves a
    local run."""
    cache = str(tmp_path / "cache.sqlite")
    assert records([str(SEEDS)], EngineOptions(scheduler=scheduler, cache=cache)) == sequential
    assert records([str(SEEDS)], EngineOptions(cache=cache)) == sequential


def test_an_unreachable_scheduler_is_a_clean_error() -> None:
    pytest.importorskip("distributed")
    from glossary.errors import GlossaryError

    engine = EngineOptions(scheduler="tcp://127.0.0.1:9", connect_timeout=2)
    with pytest.raises(GlossaryError, match="cannot reach the Dask scheduler"):
        extract([str(SEEDS)], engine=engine)


def test_the_output_does_not_depend_on_hash_randomisation() -> None:
    import os
    import subprocess
    import sys

    outputs = set()
    for seed in ("1", "2"):
        completed = subprocess.run(
            [sys.executable, "-m", "glossary", "extract", str(SEEDS), "--format", "jsonl", "-q"],
            capture_output=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )
        outputs.add(completed.stdout)
    assert len(outputs) == 1


@pytest.fixture(scope="module")
def many_files(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds cut into 20 files: more than two chunks of documents."""
    folder = tmp_path_factory.mktemp("many")
    for seed in sorted(SEEDS.glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        quarter = len(lines) // 4 + 1
        for part in range(4):
            chunk = "\n".join(lines[part * quarter : (part + 1) * quarter])
            (folder / f"{seed.stem}-{part}.txt").write_text(chunk + "\n", encoding="utf-8")
    return folder


def _note_start(job: tuple[int, str]) -> int:
    index, folder = job
    (Path(folder) / str(index)).touch()
    return index


def test_workers_run_a_bounded_number_of_jobs_ahead_of_the_caller(tmp_path: Path) -> None:
    """Results are taken in order: while the caller holds back, the workers start at most
    JOBS_AHEAD jobs beyond one each, and one more for each result taken."""
    import time

    from glossary.engine import JOBS_AHEAD, _pool_map

    results = _pool_map(_note_start, [(i, str(tmp_path)) for i in range(20)], workers=2)
    assert next(results) == 0
    bound = 2 + JOBS_AHEAD + 1

    def started() -> int:
        return sum(1 for _ in tmp_path.iterdir())

    deadline = time.monotonic() + 30
    while started() < bound and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)  # time enough for any job beyond the bound to start
    assert started() == bound
    assert list(results) == list(range(1, 20))
    assert started() == 20


def test_every_engine_prunes_at_the_same_boundaries(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With limits low enough that rare word runs are dropped along the way, in chunks and
    in the corpus table, in-process, worker processes and the cache give one glossary."""
    import glossary.engine
    import glossary.pipeline

    paths = [str(many_files)]
    assert len(glossary.engine.chunk_bounds(sorted(map(str, many_files.iterdir())))) >= 3
    unpruned = records(paths)
    monkeypatch.setattr(glossary.pipeline, "SEQUENCE_LIMIT", 3000)
    monkeypatch.setattr(glossary.pipeline, "CANDIDATE_LIMIT", 800)
    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 2000)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 500)
    alone = records(paths, EngineOptions(workers=1))
    assert alone != unpruned  # the limits did drop something
    assert records(paths, EngineOptions(workers=2)) == alone
    assert records(paths, EngineOptions(workers=1, cache=str(tmp_path / "c.sqlite"))) == alone


def test_an_unchanged_corpus_gives_the_last_result_without_any_map(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    engine = EngineOptions(cache=str(tmp_path / "cache.sqlite"))
    first = records([str(corpus)], engine)
    assert first == records([str(corpus)])

    def no_map(*args: object, **kwargs: object) -> None:
        raise AssertionError("the map ran")

    with monkeypatch.context() as patch:
        patch.setattr(glossary.pipeline, "map_chunks", no_map)
        assert records([str(corpus)], engine) == first
        (corpus / "new.txt").write_text("数推分离是一种新架构。\n", encoding="utf-8")
        with pytest.raises(AssertionError, match="the map ran"):
            records([str(corpus)], engine)


def test_word_sequences_of_one_to_four_words_are_counted() -> None:
    table = CandidateTable()
    table.add_sequences([["大", "模型", "训练", "方法", "大"]])
    assert table.sequences == {
        "大": 2,
        "模型": 1,
        "训练": 1,
        "方法": 1,
        "大模型": 1,
        "模型训练": 1,
        "训练方法": 1,
        "方法大": 1,
        "大模型训练": 1,
        "模型训练方法": 1,
        "训练方法大": 1,
        "大模型训练方法": 1,
        "模型训练方法大": 1,
    }
    table.add_sequences([["模型"], ["模型", "训练"]])
    assert table.sequences["模型"] == 3
    assert table.sequences["模型训练"] == 2


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("大模型的训练方法", [["大", "模型"], ["训练方法"]]),  # 的 cuts the run
        ("月之暗面发布了Kimi", [["月", "之", "暗面", "发布"], ["Kimi"]]),  # 月 opens a name
        ("在多模态上训练", [["多", "模态"], ["训练"]]),  # a prefix stays
        ("GPT-4和Claude 3", [["GPT-4"], ["Claude 3"]]),
        ("的了是，。", []),
        ("模型的", [["模型"]]),  # a function word last
    ],
)
def test_word_sequences_are_counted_in_the_runs_a_term_can_come_from(
    text: str, runs: list[list[str]]
) -> None:
    from glossary.extract.chinese import term_runs

    assert list(term_runs(make_segmenter().tokens(text))) == runs


def test_the_worker_pool_returns_every_result_in_order() -> None:
    from glossary.engine import _pool_map

    jobs = [-5, 3, -1, 8, -2, 0, 7]  # more jobs than the window of workers + 1
    assert list(_pool_map(abs, jobs, 2)) == [5, 3, 1, 8, 2, 0, 7]


def test_a_merged_table_keeps_one_copy_of_each_sentence() -> None:
    first, second = CandidateTable(), CandidateTable()
    sentence = "".join(["同一句话", "出现在两篇文档里"])  # built at run time: not interned
    for table, source in ((first, "a.txt"), (second, "b.txt")):
        text = "".join(["同一句话", "出现在两篇文档里"])
        table.add("同一句话", Sentence(source, 1, text, 0), 0, ["ngram"])
    merged = CandidateTable()
    merged.merge_state(first.to_state())
    merged.merge_state(second.to_state())
    rows = merged.candidates["同一句话"].contexts
    assert [row[0] for row in rows] == ["a.txt", "b.txt"]
    assert rows[0][2] == sentence
    assert rows[0][2] is rows[1][2]


@pytest.fixture(scope="module")
def one_chunk(many_files: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 20 files of ``many_files``, in the same order, under names that end no chunk."""
    from glossary.engine import _ends_chunk

    folder = tmp_path_factory.mktemp("one-chunk")
    names = (f"part-{n:04}.txt" for n in range(1000))
    names_in_one_chunk = [name for name in names if not _ends_chunk(name)]
    for source, name in zip(sorted(many_files.iterdir()), names_in_one_chunk, strict=False):
        shutil.copyfile(source, folder / name)
    return folder


@pytest.mark.parametrize(
    ("sizes", "bounds"),
    [
        ([10, 10, 10], [(0, 3)]),
        ([10, 101, 10], [(0, 1), (1, 2), (2, 3)]),
        ([101, 101, 10, 10], [(0, 1), (1, 2), (2, 4)]),
        ([10, 10, 101], [(0, 2), (2, 3)]),
        ([100, 100], [(0, 2)]),  # no more bytes than a large document's characters
    ],
)
def test_a_file_that_may_hold_a_large_document_is_a_chunk_of_its_own(
    sizes: list[int],
    bounds: list[tuple[int, int]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import glossary.engine

    monkeypatch.setattr(glossary.engine, "LARGE_DOCUMENT_CHARS", 100)
    files = []
    for name, size in zip("abcd", sizes, strict=False):  # names that end no chunk
        (tmp_path / f"{name}.txt").write_bytes(b"x" * size)
        files.append(str(tmp_path / f"{name}.txt"))
    assert not any(glossary.engine._ends_chunk(path) for path in files)
    assert glossary.engine.chunk_bounds(files) == bounds


def test_several_large_files_are_read_side_by_side_and_every_engine_agrees(
    many_files: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large files that would share a chunk (and be read one after another by one process)
    each make a chunk of their own, which the workers read side by side; one process,
    the workers and the cache give one glossary."""
    import glossary.engine

    parts = [p.read_text(encoding="utf-8") for p in sorted(many_files.iterdir())]
    for year, start in zip(range(2021, 2025), range(0, 20, 5), strict=True):
        (tmp_path / f"news-{year}.txt").write_text("".join(parts[start : start + 5]), "utf-8")
    files = sorted(map(str, tmp_path.iterdir()))
    assert glossary.engine.chunk_bounds(files) == [(0, 4)]
    smallest = min(len(Path(path).read_text(encoding="utf-8")) for path in files)
    monkeypatch.setattr(glossary.engine, "LARGE_DOCUMENT_CHARS", smallest - 1)
    assert glossary.engine.chunk_bounds(files) == [(0, 1), (1, 2), (2, 3), (3, 4)]
    alone = records([str(tmp_path)], EngineOptions(workers=1))
    assert records([str(tmp_path)], EngineOptions(workers=2)) == alone
    cache = str(tmp_path.parent / f"{tmp_path.name}.sqlite")
    assert records([str(tmp_path)], EngineOptions(workers=2, cache=cache)) == alone


def test_one_chunk_shared_with_a_worker_gives_the_same_glossary(
    one_chunk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus of one chunk is read by this process and a worker, each part of it (one
    document cut in two at a line), and the worker's tables are merged in order: the
    glossary is the one a single process makes, even when the chunk's table is pruned
    while its documents are read."""
    import glossary.engine

    files = sorted(map(str, one_chunk.iterdir()))
    assert len(files) == 20
    assert glossary.engine.chunk_bounds(files) == [(0, 20)]
    split = glossary.engine._worker_split(files, MapSettings(None, None, ()))
    assert 0 < split.document < 20
    assert split.line > 1
    paths = [str(one_chunk)]
    unpruned = records(paths)
    assert records(paths, EngineOptions(workers=2)) == unpruned
    # pruned after the documents that push it past four times these limits
    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 500)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 100)
    alone = records(paths, EngineOptions(workers=1))
    assert alone != unpruned
    assert records(paths, EngineOptions(workers=2)) == alone


@pytest.mark.parametrize("cut", ["in a document", "between documents"])
@pytest.mark.parametrize("layout", ["one chunk", "halves meet at a boundary", "three chunks"])
def test_shared_chunks_hold_the_tables_one_process_makes(
    layout: str, cut: str, one_chunk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read partly here and partly in a worker, every chunk's table is the one a single process
    makes, count for count, pruned along the way at the same documents; whether the halves
    cut through a document or between two, through a chunk or at a chunk boundary."""
    import glossary.engine
    from glossary.engine import Split, _analyse_chunk, _shared_chunks, _worker_split

    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 500)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 100)
    files = sorted(map(str, one_chunk.iterdir()))
    settings = MapSettings(None, 3, ())
    split = _worker_split(files, settings)
    assert split.part is not None
    assert split.line > 1
    if cut == "between documents":
        split = Split(split.document)
        monkeypatch.setattr(glossary.engine, "_worker_split", lambda *args: split)
    half = split.document
    bounds = {
        "one chunk": [(0, 20)],
        "halves meet at a boundary": [(0, half), (half, 20)],
        "three chunks": [(0, 3), (3, half + 2), (half + 2, 20)],
    }[layout]
    analyse = Analyser(make_segmenter(), settings).add
    done: list[int] = []
    shared = list(_shared_chunks(files, bounds, settings, analyse, lambda: done.append(1)))
    assert len(shared) == len(bounds)
    for (start, end), chunk in zip(bounds, shared, strict=True):
        alone = _analyse_chunk(files[start:end], settings, analyse)
        # a chunk read here holds its table, one from the worker the table's plain state
        state = chunk.table.to_state() if chunk.table is not None else chunk.state
        assert state == alone.state
        assert chunk.outcomes == alone.outcomes
    assert len(done) == len(files)


@pytest.mark.parametrize(
    ("sizes", "requested", "expected"),
    [
        ([10] * 3, 0, 1),  # a few small files: one process
        ([10] * 9, 0, 2),  # more than eight files
        ([200_000] * 2, 0, 2),  # a few files with SHARED_BYTES of text between them
        ([400_000], 0, 2),  # one file of SHARED_BYTES: read in two parts
        ([399_999], 0, 1),
        ([10] * 3, 4, 3),  # as requested, no more than the files
        ([10] * 3, 1, 1),
        ([10], 4, 2),  # one file: two parts at most
    ],
)
def test_the_number_of_workers(
    sizes: list[int], requested: int, expected: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from glossary.engine import SHARED_BYTES, _workers

    assert SHARED_BYTES == 400_000
    monkeypatch.setattr(os, "cpu_count", lambda: 8)
    files = []
    for index, size in enumerate(sizes):
        path = tmp_path / f"{index}.txt"
        path.write_bytes(b"x" * size)
        files.append(str(path))
    assert _workers(requested, files) == expected


@pytest.mark.parametrize(
    ("sizes", "shared"),
    [
        ([300_000], True),  # one file: read in two parts
        ([2_000_001], False),
        ([300_000, 300_000], True),
        ([1_000_000, 1_000_000], True),  # SHARED_MAX_BYTES in all
        ([1_000_000, 1_000_001], False),  # more: the worker's document tables grow too large
    ],
)
def test_which_corpora_two_processes_share(sizes: list[int], shared: bool, tmp_path: Path) -> None:
    from glossary.engine import SHARED_MAX_BYTES, _shareable

    assert SHARED_MAX_BYTES == 2_000_000
    files = []
    for index, size in enumerate(sizes):
        path = tmp_path / f"{index}.txt"
        path.write_bytes(b"x" * size)
        files.append(str(path))
    assert _shareable(files) is shared


MARKER = "继承的分析器"


class MarkingAnalyser:
    """The real analyser that also files a marker once per document: a table holding the
    marker was made by this very analyser, here or in a worker forked from here."""

    def __init__(self) -> None:
        self.settings = MapSettings(None, 3, ())
        self.inner = Analyser(make_segmenter(), self.settings)
        self.loads = 0

    def load(self) -> None:
        self.loads += 1
        self.inner.load()

    def __call__(
        self, table: CandidateTable, document: Document, lines: Lines | None = None
    ) -> None:
        self.inner.add(table, document, lines)
        if lines is None or lines[0] == 1:  # once per document, read whole or in parts
            table.add(MARKER, Sentence(document.source, 1, MARKER, 0), 0, ["curated"])


def _marked(
    paths: list[str], options: EngineOptions, analyser: MarkingAnalyser, *, load: bool
) -> int:
    """How many documents ``analyser`` itself read, over the chunks of ``paths``."""
    table = analyser.settings.table()
    chunks = map_chunks(
        paths, analyser.settings, options, analyser, load=analyser.load if load else None
    )
    for chunk in chunks:
        chunk.merge_into(table)
    marker = table.candidates.get(MARKER)
    return 0 if marker is None else marker.count


@pytest.mark.parametrize("layout", ["pool of workers", "half in a worker", "pool, cached"])
def test_forked_workers_analyse_with_the_analyser_loaded_before_the_fork(
    layout: str, many_files: Path, one_chunk: Path, tmp_path: Path
) -> None:
    """Given ``load``, the analyser is loaded once, here, and the workers forked afterwards
    read every document with it (inherited, not loaded again in each); once the chunks are
    all in, nothing in the engine holds on to it."""
    import gc
    import weakref

    folder = one_chunk if layout == "half in a worker" else many_files
    paths = sorted(map(str, folder.iterdir()))
    cache = str(tmp_path / "cache.sqlite") if layout == "pool, cached" else None
    options = EngineOptions(workers=2, cache=cache)
    analyser = MarkingAnalyser()
    assert _marked(paths, options, analyser, load=True) == len(paths) == 20
    assert analyser.loads == 1
    gone = weakref.ref(analyser)
    del analyser
    gc.collect()
    assert gone() is None


def test_without_load_workers_build_their_own_analyser(many_files: Path) -> None:
    paths = sorted(map(str, many_files.iterdir()))
    analyser = MarkingAnalyser()
    assert _marked(paths, EngineOptions(workers=2), analyser, load=False) == 0
    assert analyser.loads == 0


PARTED = """大模型的后训练(post-training)很重要。后训练决定了模型的表现。
尺度定律(Scaling Law)说明了规模的作用。是的。是的。
```python
print("代码块里的不是句子")
```
后训练决定了模型的表现。智能体调用工具,智能体规划任务。

大模型、智能体、尺度定律都是术语。后训练决定了模型的表现。
"""


@pytest.mark.parametrize("traditional", [False, True])
def test_a_document_read_in_two_parts_gives_the_whole_document_s_table(
    traditional: bool,
) -> None:
    """Cut at any line (a sentence repeated across the cut, a code block, two like sentences
    on one line, contexts capped across documents), the first part read into the table and
    the rest's own table merged into it give the table of the document read whole."""
    from glossary.text import looks_traditional

    text = PARTED.replace("后训练", "後訓練").replace("术语", "術語") if traditional else PARTED
    assert looks_traditional(text) is traditional
    settings = MapSettings(None, 2, ())
    analyse = Analyser(make_segmenter(), settings).add
    before = Document("a.txt", "大模型和智能体。后训练。\n", "utf-8")
    document = Document("b.txt", text, "utf-8")
    whole = settings.table()
    analyse(whole, before)
    analyse(whole, document)
    expected = whole.to_state()
    for line in range(2, text.count("\n") + 2):
        parted = settings.table()
        analyse(parted, before)
        analyse(parted, document, (1, line))
        rest = settings.table()
        analyse(rest, document, (line, None))
        parted.merge_state(rest.to_state())
        assert parted.to_state() == expected, line


def test_one_file_is_read_in_two_parts_and_gives_the_same_glossary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus of one file is cut at a line between this process and a worker."""
    import glossary.engine

    single = tmp_path / "all.txt"
    single.write_text(
        "\n".join(p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))),
        encoding="utf-8",
    )
    alone = records([str(single)], EngineOptions(workers=1))
    splits: list[glossary.engine.Split] = []
    worker_split = glossary.engine._worker_split

    def noted(*args: object) -> glossary.engine.Split:
        splits.append(worker_split(*args))  # type: ignore[arg-type]
        return splits[-1]

    monkeypatch.setattr(glossary.engine, "_worker_split", noted)
    assert records([str(single)], EngineOptions(workers=2)) == alone
    [split] = splits
    assert split.document == 0
    assert split.part is not None
    assert split.line > 1


def test_a_larger_corpus_s_workers_load_their_own_analyser(
    many_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Past INHERITED_MAX_BYTES this process does not hold the dictionaries through the
    merge: the workers build and load their own."""
    import glossary.engine

    paths = sorted(map(str, many_files.iterdir()))
    size = sum(Path(path).stat().st_size for path in paths)
    analyser = MarkingAnalyser()
    monkeypatch.setattr(glossary.engine, "INHERITED_MAX_BYTES", size - 1)
    assert _marked(paths, EngineOptions(workers=2), analyser, load=True) == 0
    assert analyser.loads == 0
    monkeypatch.setattr(glossary.engine, "INHERITED_MAX_BYTES", size)
    assert _marked(paths, EngineOptions(workers=2), analyser, load=True) == 20
    assert analyser.loads == 1


@pytest.mark.parametrize(
    ("name", "size", "cut_in_binary"),
    [("c", 120_000, True), ("a", 2_000, False), ("e", 2_000, False)],
)
def test_an_unreadable_file_in_a_shared_corpus_is_skipped_once(
    name: str, size: int, cut_in_binary: bool, tmp_path: Path
) -> None:
    """Wherever a binary file falls in a corpus this process shares with a worker (where
    the cut falls, before it or after it), it is reported once and the glossary is the one
    a single process makes."""
    import glossary.engine

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    binary = corpus / f"{name}.bin.txt"
    binary.write_bytes(b"\x00\x01\x02\xff" * (size // 4))
    parts = (texts[0] + texts[1], texts[2] * 3, texts[3] + texts[4])
    for part_name, text in zip("bdf", parts, strict=True):
        (corpus / f"{part_name}.txt").write_text(text, encoding="utf-8")
    files = sorted(map(str, corpus.iterdir()))
    split = glossary.engine._worker_split(files, MapSettings(None, None, ()))
    assert (files[split.document] == str(binary)) is cut_in_binary
    assert (split.part is None) is cut_in_binary  # else the cut is inside a text file
    alone = extract([str(corpus)], engine=EngineOptions(workers=1))
    shared = extract([str(corpus)], engine=EngineOptions(workers=2))
    assert [asdict(e) for e in shared.entries] == [asdict(e) for e in alone.entries]
    assert [s.path for s in shared.skipped] == [str(binary)]
    assert shared.skipped == alone.skipped


@pytest.fixture(scope="module")
def spilling_corpus(many_files: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds in 20 files, and a pair stated in more sentences than a run keeps in memory,
    in two files: one in the first chunk, one in the last."""
    folder = tmp_path_factory.mktemp("spilling")
    for source in many_files.iterdir():
        shutil.copyfile(source, folder / source.name)
    for name in ("000-pairs.txt", "zzz-pairs.txt"):
        lines = [f"第{i}次实验里,尺度定律(Scaling Law)再次得到验证。" for i in range(15)]
        lines += [f"尺度定律在第{i}组数据上也成立。" for i in range(15)]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def full_records(paths: list[str], engine: EngineOptions | None = None) -> list[dict[str, object]]:
    """Every entry with every sentence, those spilled read back as the output is written
    (with HELD_SPILL_BYTES patched to 0)."""
    from glossary.pipeline import ExtractOptions

    extraction = extract(paths, ExtractOptions(spill_contexts=True), engine=engine)
    assert extraction.spill is not None
    pair = next(e for e in extraction.entries if e.term == "Scaling Law")
    assert len(pair.spilled_from) == 2  # both sides of the pair spilled sentences
    assert len(pair.contexts) < 40
    return [asdict(e) for e in extraction.full_entries()]


@pytest.mark.parametrize("pruned", [False, True])
def test_sentences_spilled_to_disk_read_back_as_every_engine_keeps_them_in_memory(
    pruned: bool, spilling_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every sentence of every entry, in order, whether past the first 20 they waited on
    disk or not: in this process, in workers and through the cache; with limits low
    enough that rare word runs are dropped along the way, too."""
    import glossary.engine
    import glossary.pipeline

    paths = [str(spilling_corpus)]
    monkeypatch.setattr(glossary.pipeline, "HELD_SPILL_BYTES", 0)
    if pruned:
        monkeypatch.setattr(glossary.pipeline, "SEQUENCE_LIMIT", 3000)
        monkeypatch.setattr(glossary.pipeline, "CANDIDATE_LIMIT", 800)
        monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 2000)
        monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 500)
    in_memory = records(paths)
    pair = next(r for r in in_memory if r["term"] == "Scaling Law")
    assert len(pair["contexts"]) > 60  # type: ignore[arg-type]  # the seeds' too
    assert full_records(paths) == in_memory
    assert full_records(paths, EngineOptions(workers=2)) == in_memory
    cache = str(tmp_path / "cache.sqlite")
    assert full_records(paths, EngineOptions(cache=cache)) == in_memory
    # The spilled result is not kept: the re-run merges the cached tables again.
    assert full_records(paths, EngineOptions(cache=cache, workers=2)) == in_memory


def test_an_extraction_with_spilled_sentences_is_not_pickled(
    spilling_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle

    import glossary.pipeline
    from glossary.pipeline import ExtractOptions

    monkeypatch.setattr(glossary.pipeline, "HELD_SPILL_BYTES", 0)
    spilled = extract([str(spilling_corpus)], ExtractOptions(spill_contexts=True))
    with pytest.raises(TypeError, match="spilled sentences"):
        pickle.dumps(spilled)
    few = tmp_path / "few.txt"
    few.write_text("尺度定律(Scaling Law)得到验证。\n尺度定律又一次成立。\n", encoding="utf-8")
    nothing_spilled = extract([str(few)], ExtractOptions(spill_contexts=True))
    assert nothing_spilled.spill is None
    assert [e.term for e in nothing_spilled.entries] == ["Scaling Law"]
    assert pickle.loads(pickle.dumps(nothing_spilled)).entries == nothing_spilled.entries


def test_a_few_spilled_sentences_are_read_back_at_once_and_the_result_is_kept(
    spilling_corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below HELD_SPILL_BYTES, the entries hold every sentence and the cache keeps the
    result: a re-run over the unchanged corpus maps nothing."""
    import glossary.pipeline
    from glossary.pipeline import ExtractOptions

    paths = [str(spilling_corpus)]
    options = ExtractOptions(spill_contexts=True)
    cache = EngineOptions(cache=str(tmp_path / "cache.sqlite"))
    held = extract(paths, options, engine=cache)
    assert held.spill is None
    assert [asdict(e) for e in held.entries] == records(paths)
    assert all(not e.spilled_from for e in held.entries)

    def no_map(*args: object, **kwargs: object) -> Iterator[object]:
        raise AssertionError("the corpus was read again")

    monkeypatch.setattr(glossary.pipeline, "map_chunks", no_map)
    assert extract(paths, options, engine=cache).entries == held.entries


def test_sentences_spilled_on_a_dask_run_read_back_the_same(
    spilling_corpus: Path, scheduler: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.pipeline

    monkeypatch.setattr(glossary.pipeline, "HELD_SPILL_BYTES", 0)
    paths = [str(spilling_corpus)]
    assert full_records(paths, EngineOptions(scheduler=scheduler)) == records(paths)


def test_a_cache_that_cannot_grow_is_a_clear_error(tmp_path: Path) -> None:
    """SQLite's own error when the file may grow no more (a full disk), naming the file."""
    import os

    from glossary.cache import ResultCache
    from glossary.errors import CacheError

    path = str(tmp_path / "cache.sqlite")
    with ResultCache(path) as cache:
        cache.connection.execute("PRAGMA max_page_count = 5")
        with pytest.raises(CacheError, match=r"cache.sqlite: cannot be written \(is the disk full"):
            cache.put_packed("documents", "key", "a.txt", os.urandom(100_000))
        assert cache.get("documents", "key") is None  # nothing half-written


@pytest.fixture(scope="module")
def one_large_file(many_files: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds in 20 parts, one after another in one file, and a small file after it."""
    folder = tmp_path_factory.mktemp("large")
    parts = [p.read_text(encoding="utf-8") for p in sorted(many_files.iterdir())]
    (folder / "all.txt").write_text("".join(parts), encoding="utf-8")
    shutil.copyfile(sorted(many_files.iterdir())[0], folder / "zz-small.txt")
    return folder


def read_in_sections(path: Path, count: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the file at ``path`` a large document, too large to share between two
    processes, read in ``count`` sections."""
    import glossary.engine

    size = len(path.read_text(encoding="utf-8"))
    monkeypatch.setattr(glossary.engine, "SHARED_MAX_BYTES", 1000)
    monkeypatch.setattr(glossary.engine, "LARGE_DOCUMENT_CHARS", size - 1)
    monkeypatch.setattr(glossary.engine, "SECTION_CHARS", size // count)


def test_a_large_document_is_pruned_as_it_is_read_and_every_engine_agrees(
    one_large_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document past LARGE_DOCUMENT_CHARS is read into a table of its own, pruned between
    parts of PART_CHARS, so one large file's memory is bounded as a chunk's is: in this
    process, in workers and through the cache, the glossary is the same."""
    import glossary.engine
    import glossary.pipeline

    paths = [str(one_large_file)]
    size = len((one_large_file / "all.txt").read_text(encoding="utf-8"))
    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 500)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 100)
    real_prune = CandidateTable.prune

    def word_sequences_at_each_prune(cache: str | None = None) -> list[int]:
        seen: list[int] = []

        def counting_prune(table: CandidateTable, sequences: int, candidates: int) -> None:
            seen.append(len(table.sequences))
            real_prune(table, sequences, candidates)

        with monkeypatch.context() as patch:
            patch.setattr(CandidateTable, "prune", counting_prune)
            records(paths, EngineOptions(workers=1, cache=cache))
        return seen

    whole = word_sequences_at_each_prune()  # first, once the large document is all in
    monkeypatch.setattr(glossary.engine, "LARGE_DOCUMENT_CHARS", size - 1)
    monkeypatch.setattr(glossary.pipeline, "PART_CHARS", size // 8)
    for parted in (
        word_sequences_at_each_prune(),
        word_sequences_at_each_prune(str(tmp_path / "counted.sqlite")),  # the cache's way
    ):
        assert len(parted) >= len(whole) + 7  # between its eight parts, and more
        assert max(parted) < whole[0] / 2
    alone = records(paths, EngineOptions(workers=1))
    assert records(paths, EngineOptions(workers=2)) == alone
    cache = str(tmp_path / "cache.sqlite")
    assert records(paths, EngineOptions(cache=cache)) == alone
    assert records(paths, EngineOptions(cache=cache, workers=2)) == alone


def test_progress_tells_how_far_a_large_document_is_read(
    one_large_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import glossary.engine
    import glossary.pipeline

    size = len((one_large_file / "all.txt").read_text(encoding="utf-8"))
    monkeypatch.setattr(glossary.engine, "LARGE_DOCUMENT_CHARS", size - 1)
    monkeypatch.setattr(glossary.pipeline, "PART_CHARS", size // 8)
    seen: list[tuple[float, int]] = []
    extract([str(one_large_file)], progress=lambda done, total: seen.append((done, total)))
    shares = [done for done, _ in seen[:-2]]
    assert len(shares) == 7  # between its eight parts
    assert all(a < b for a, b in itertools.pairwise([0, *shares, 1]))  # rising, within one
    assert shares[3] == pytest.approx(0.5, abs=0.1)  # a share of the text, not of the parts
    assert seen[-2:] == [(1, 2), (2, 2)]


# Where _marking_section_job leaves a mark, and the job it stands in for (a worker is
# forked with them; the pool sends a job function by name, so it lives here).
_SECTION_MARKS: dict[str, Any] = {}


def _marking_section_job(job: tuple[str, tuple[int, int | None], MapSettings]) -> object:
    (_SECTION_MARKS["folder"] / str(job[1][0])).touch(exist_ok=False)
    return _SECTION_MARKS["job"](job)


def marking_sections(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Have every section job the workers run leave a mark in ``folder``, a new one."""
    import glossary.engine

    folder.mkdir()
    monkeypatch.setitem(_SECTION_MARKS, "folder", folder)
    if "job" not in _SECTION_MARKS:
        monkeypatch.setitem(_SECTION_MARKS, "job", glossary.engine._section_job)
        monkeypatch.setattr(glossary.engine, "_section_job", _marking_section_job)
    return folder


def test_one_large_file_is_read_by_the_workers_section_by_section(
    one_large_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus of one large file: its sections are read by the workers and merged here in
    order, and the glossary is the one a single process makes, with the cache too."""
    import glossary.engine
    import glossary.pipeline

    path = one_large_file / "all.txt"
    size = len(path.read_text(encoding="utf-8"))
    read_in_sections(path, 3, monkeypatch)
    monkeypatch.setattr(glossary.pipeline, "PART_CHARS", size // 8)
    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 500)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 100)
    assert len(glossary.engine.sections(Document(str(path), path.read_text(), "utf-8"))) == 3
    alone = records([str(path)], EngineOptions(workers=1))
    seen: list[tuple[float, int]] = []
    sectioned = extract(
        [str(path)],
        engine=EngineOptions(workers=2),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert seen == [(pytest.approx(1 / 3), 1), (pytest.approx(2 / 3), 1), (1, 1)]
    assert [asdict(e) for e in sectioned.entries] == alone
    # with the cache too, the workers read the sections, each once
    marks = marking_sections(tmp_path / "marks", monkeypatch)
    cache = str(tmp_path / "cache.sqlite")
    assert records([str(path)], EngineOptions(workers=2, cache=cache)) == alone
    assert len(list(marks.iterdir())) == 3


@pytest.mark.parametrize(
    ("among_others", "workers"), [(False, 1), (False, 2), (True, 1), (True, 2)]
)
def test_a_large_file_s_sections_are_merged_into_a_table_that_spills(
    among_others: bool, workers: int, one_large_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With every sentence asked for, a large file's sections are merged into a table that
    keeps the first sentences of each term and spills the rest: the corpus's own, for a
    corpus of one file, or one with a spill of its own, which follows it into the corpus's.
    No table here holds the document's every sentence (before, its table held them all,
    and one 50 MB file peaked at 930 MiB), and every sentence still comes back, in order."""
    import glossary.engine
    import glossary.pipeline
    from glossary.limits import CONTEXTS_PER_ENTRY
    from glossary.pipeline import ExtractOptions

    path = one_large_file / "all.txt"
    text = path.read_text(encoding="utf-8")
    read_in_sections(path, 3, monkeypatch)
    monkeypatch.setattr(glossary.pipeline, "HELD_SPILL_BYTES", 0)
    paths = [str(one_large_file if among_others else path)]
    engine = EngineOptions(workers=workers)
    in_memory = records(paths, engine)
    held: list[int] = []  # the most sentences of one key in a spilling table, at each prune
    # and the sections of the large file whose sentences any other table here holds: one
    # section's table holds all of that section's (its size bounds them), no table more
    starts = [start for start, _ in glossary.engine.sections(Document(str(path), text, "utf-8"))]
    spanned: list[int] = [0]
    real_prune = CandidateTable.prune

    def noting_prune(table: CandidateTable, sequences: int, candidates: int) -> None:
        if table.spill is not None:
            held.append(max(len(c.contexts) for c in table.candidates.values()))
        else:
            rows = [row for c in table.candidates.values() for row in c.contexts]
            lines = {row[1] for row in rows if row[0] == str(path)}
            spanned.append(len({bisect.bisect(starts, line) for line in lines}))
        real_prune(table, sequences, candidates)

    monkeypatch.setattr(CandidateTable, "prune", noting_prune)
    spilled = extract(paths, ExtractOptions(spill_contexts=True), engine=engine)
    assert spilled.spill is not None
    assert len(held) >= 3 + 2  # as each of the three sections is merged, and then as a chunk
    assert max(held) == CONTEXTS_PER_ENTRY
    assert max(spanned) == (1 if workers == 1 else 0)  # the workers read the sections there
    assert [asdict(e) for e in spilled.full_entries()] == in_memory


def test_a_large_document_is_split_into_sentences_once(
    one_large_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its sections, read in turn here or by a worker, share one reader: the document is
    split once, not once more for each section (the square of its length)."""
    import glossary.engine
    import glossary.text

    path = one_large_file / "all.txt"
    text = path.read_text(encoding="utf-8")
    read_in_sections(path, 3, monkeypatch)
    splits: list[str] = []
    real_split = glossary.text.split_sentences

    def counting_split(document: Document) -> Iterator[Sentence]:
        splits.append(document.source)
        return real_split(document)

    monkeypatch.setattr(glossary.text, "split_sentences", counting_split)
    records([str(path)], EngineOptions(workers=1))
    assert splits == [str(path)]
    # A worker's jobs, in turn; then a section again, as a worker forked anew would be asked.
    monkeypatch.setattr(glossary.engine, "_worker_state", {})
    settings = MapSettings(None, None, ())
    sections = glossary.engine.sections(Document(str(path), text, "utf-8"))
    assert len(sections) == 3
    splits.clear()
    states = [glossary.engine._section_job((str(path), lines, settings)) for lines in sections]
    assert splits == [str(path)]
    assert glossary.engine._section_job((str(path), sections[1], settings)) == states[1]
    assert splits == [str(path)] * 2


def test_one_large_file_among_others_is_read_by_the_workers_section_by_section(
    one_large_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large file in a corpus of several chunks: its chunk's sections are handed to the
    workers like any other job, and merged here in order; the glossary is the one a single
    process makes, and the progress tells how much of the large file is in."""
    import glossary.engine

    path = one_large_file / "all.txt"
    read_in_sections(path, 3, monkeypatch)
    monkeypatch.setattr(glossary.engine, "CHUNK_SEQUENCE_LIMIT", 500)
    monkeypatch.setattr(glossary.engine, "CHUNK_CANDIDATE_LIMIT", 100)
    files = sorted(map(str, one_large_file.iterdir()))
    assert glossary.engine.chunk_bounds(files) == [(0, 1), (1, 2)]
    alone = records([str(one_large_file)], EngineOptions(workers=1))
    marks = marking_sections(tmp_path / "marks", monkeypatch)
    seen: list[tuple[float, int]] = []
    pooled = extract(
        [str(one_large_file)],
        engine=EngineOptions(workers=2),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [asdict(e) for e in pooled.entries] == alone
    assert len(list(marks.iterdir())) == 3  # each section once
    assert seen == [(pytest.approx(1 / 3), 2), (pytest.approx(2 / 3), 2), (1, 2), (2, 2)]
    # and so when the cache is filled
    cached_marks = marking_sections(tmp_path / "cached-marks", monkeypatch)
    cache = EngineOptions(workers=2, cache=str(tmp_path / "cache.sqlite"))
    assert records([str(one_large_file)], cache) == alone
    assert len(list(cached_marks.iterdir())) == 3


def test_on_dask_a_large_file_s_sections_are_read_side_by_side(
    one_large_file: Path, scheduler: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On the cluster too, a large file's chunk goes out as its sections (the progress
    tells each one merged), and the glossary is one process's, with the cache too."""
    read_in_sections(one_large_file / "all.txt", 3, monkeypatch)
    alone = records([str(one_large_file)], EngineOptions(workers=1))
    seen: list[tuple[float, int]] = []
    on_cluster = extract(
        [str(one_large_file)],
        engine=EngineOptions(scheduler=scheduler),
        progress=lambda done, total: seen.append((done, total)),
    )
    assert [asdict(e) for e in on_cluster.entries] == alone
    assert seen == [(pytest.approx(1 / 3), 2), (pytest.approx(2 / 3), 2), (1, 2), (2, 2)]
    cache = str(tmp_path / "cache.sqlite")
    assert records([str(one_large_file)], EngineOptions(scheduler=scheduler, cache=cache)) == alone


def _marking_read(path: str, encoding: str | None) -> Document:
    import uuid

    (_SECTION_MARKS["reads"] / uuid.uuid4().hex).touch()
    read: Document = _SECTION_MARKS["read"](path, encoding)
    return read


def test_the_workers_read_a_large_file_s_sections_from_the_document_they_inherit(
    one_large_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file is read once, here: the workers forked to read its sections find the
    document in what they inherit, where each read its own copy too."""
    import glossary.engine

    path = one_large_file / "all.txt"
    read_in_sections(path, 4, monkeypatch)
    alone = records([str(path)], EngineOptions(workers=1))
    reads = tmp_path / "reads"
    reads.mkdir()
    monkeypatch.setitem(_SECTION_MARKS, "reads", reads)
    monkeypatch.setitem(_SECTION_MARKS, "read", glossary.engine.read_document)
    monkeypatch.setattr(glossary.engine, "read_document", _marking_read)
    assert records([str(path)], EngineOptions(workers=2)) == alone
    assert len(list(reads.iterdir())) == 1
    assert not glossary.engine._worker_state  # nothing held once the run is done


def test_a_large_file_is_never_cut_between_two_processes() -> None:
    from glossary.engine import LARGE_DOCUMENT_CHARS, SHARED_MAX_BYTES

    # every character takes at least a byte, so a large document's file is too large
    assert LARGE_DOCUMENT_CHARS >= SHARED_MAX_BYTES
