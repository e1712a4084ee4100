"""End-to-end tests of the ``glossary`` command, run as a user runs it: in a subprocess.

Extraction loads jieba (about a second per run), so the runs over the seed corpus are made
once per module, side by side, and shared by the tests that read their output.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from cli_runner import finish, imported_modules, run, run_python, start

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED_002 = SEEDS / "002_4640ad9771b79dea.txt"

RECORD_KEYS = {
    "term",
    "zh",
    "en",
    "variants",
    "lang",
    "score",
    "count",
    "doc_count",
    "contexts",
}
CONTEXT_KEYS = {"source", "line", "sentence", "start", "end"}
TSV_HEADER = "term\tzh\ten\tlang\tscore\tcount\tdoc_count\tvariants\tsource\tline\tsentence"
NO_DOCUMENT = "glossary: error: no readable document in the given paths; nothing to extract"

GOOD_TEXT = (
    "大模型的尺度定律(Scaling Law)已经成为业界共识。\n"
    "很多人认为尺度定律(Scaling Law)决定了大模型的能力,智能体也因此受益。\n"
    "智能体是大模型落地的新形态。\n"
)
TRADITIONAL_TEXT = (
    "智能體是大模型時代的新物種。\n"
    "大型語言模型(LLM)讓智能體可以規劃任務,智能體也能調用工具。\n"
    "很多公司都在開發智能體。\n"
    "在簡體中文裡,智能体也叫代理,智能体的應用越來越多,智能体正在改變軟件行業。\n"
)


def run_all(*commands: tuple[str | Path, ...]) -> list[subprocess.CompletedProcess[str]]:
    """Run several extractions side by side (each one loads jieba on its own)."""
    return [finish(process) for process in [start(*command) for command in commands]]


def stderr_lines(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert "Traceback" not in result.stderr, result.stderr
    return result.stderr.splitlines()


def parse_jsonl(text: str) -> list[dict[str, Any]]:
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


def surfaces(record: dict[str, Any]) -> set[str]:
    return {record["term"], *record["variants"]} | {s for s in (record["zh"], record["en"]) if s}


def find(records: list[dict[str, Any]], surface: str) -> list[dict[str, Any]]:
    return [r for r in records if surface in surfaces(r)]


def file_lines(path: str | Path) -> list[str]:
    return Path(path).read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")


# --------------------------------------------------------------------------- help


def test_help_lists_every_command() -> None:
    result = run("--help")
    assert result.returncode == 0
    assert result.stderr == ""
    commands = result.stdout.split("Commands:\n", 1)[1].splitlines()
    # One command per line, indented by two spaces; a wrapped description is indented more.
    names = [line.split()[0] for line in commands if line[:2] == "  " and line[2:3] != " "]
    assert names == [
        "build",
        "candidates",
        "check",
        "eval",
        "export",
        "extract",
        "import",
        "lookup",
        "terms",
    ]


def test_extract_help_lists_its_options() -> None:
    result = run("extract", "--help")
    assert result.returncode == 0
    for option in ("--format", "--output", "--encoding", "--max-contexts", "--min-score"):
        assert option in result.stdout


def test_help_does_not_import_heavy_libraries() -> None:
    result = run_python("-X", "importtime", "-m", "glossary", "--help")
    assert result.returncode == 0
    assert "extract" in result.stdout
    modules = imported_modules(result.stderr)
    assert "glossary.cli" in modules  # the import log was read
    heavy = {"jieba", "opencc", "pypinyin", "wordfreq"}
    assert [m for m in modules if m.split(".")[0] in heavy] == []


def test_an_extraction_imports_only_what_it_uses(tmp_path: Path) -> None:
    """Every run pays for its imports: a package's version (importlib.metadata, 15-45 ms)
    and SQLite are not asked for when no cache is kept and nothing spills."""
    corpus = tmp_path / "a.txt"
    corpus.write_text("大模型的后训练(post-training)很重要。\n", encoding="utf-8")
    result = run_python(
        "-X", "importtime", "-m", "glossary", "extract", corpus, "--format", "jsonl", "-q"
    )
    assert result.returncode == 0, result.stderr
    assert '"en": "post-training"' in result.stdout
    modules = imported_modules(result.stderr)
    assert "glossary.glosses" in modules  # the import log was read
    unused = {"importlib.metadata", "importlib.resources", "sqlite3", "logging"}
    assert [m for m in modules if m in unused] == []


# --------------------------------------------------------------------------- the seed corpus


@dataclass(frozen=True)
class SeedRuns:
    output: Path
    jsonl: subprocess.CompletedProcess[str]
    records: list[dict[str, Any]]
    capped: list[dict[str, Any]]
    tsv: subprocess.CompletedProcess[str]
    table: subprocess.CompletedProcess[str]
    above_07: list[dict[str, Any]]  # --min-score 0.7


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> SeedRuns:
    output = tmp_path_factory.mktemp("seeds-out") / "glossary.jsonl"
    output.write_text("an older output, to be replaced\n", encoding="utf-8")
    jsonl, capped, tsv, table, above_07 = run_all(
        ("extract", SEEDS, "--format", "jsonl", "--output", output),
        ("extract", SEEDS, "--format", "jsonl", "--max-contexts", "1", "-q"),
        ("extract", SEEDS, "--format", "tsv", "-q"),
        ("extract", SEEDS, "-q"),
        ("extract", SEEDS, "--format", "jsonl", "--min-score", "0.7", "-q"),
    )
    for result in (jsonl, capped, above_07):
        assert result.returncode == 0, result.stderr
    records = parse_jsonl(output.read_text(encoding="utf-8"))
    return SeedRuns(
        output,
        jsonl,
        records,
        parse_jsonl(capped.stdout),
        tsv,
        table,
        parse_jsonl(above_07.stdout),
    )


def test_jsonl_run_reports_a_summary_and_writes_only_the_file(seeds: SeedRuns) -> None:
    assert seeds.jsonl.returncode == 0
    assert seeds.jsonl.stdout == ""
    pairs = sum(1 for r in seeds.records if r["zh"] and r["en"])
    [line] = stderr_lines(seeds.jsonl)
    summary = re.fullmatch(
        f"glossary: {len(seeds.records)} entries \\({pairs} zh↔en pairs\\) from 5 documents "
        r"in (\d+\.\d) s, peak memory (\d+) MiB; written to (.+)",
        line,
    )
    assert summary is not None, line
    seconds, peak, written = summary.groups()
    assert 0 < float(seconds) < 600
    assert 50 < int(peak) < 2000  # jieba's dictionary alone takes more than 50 MiB
    assert written == str(seeds.output)
    assert len(seeds.records) > 50


def test_output_is_written_atomically(seeds: SeedRuns) -> None:
    # The old file was replaced as a whole and no temporary file was left beside it.
    assert [p.name for p in seeds.output.parent.iterdir()] == [seeds.output.name]
    assert "an older output" not in seeds.output.read_text(encoding="utf-8")


def test_jsonl_records_have_the_documented_shape(seeds: SeedRuns) -> None:
    for record in seeds.records:
        assert record.keys() >= RECORD_KEYS, record
        assert isinstance(record["term"], str)
        assert record["term"]
        assert record["lang"] in {"zh", "en", "mixed"}
        assert record["zh"] is not None or record["en"] is not None
        assert isinstance(record["variants"], list)
        assert record["term"] in record["variants"]
        assert isinstance(record["score"], float | int)
        assert 0 <= record["score"] <= 1
        assert 1 <= record["doc_count"] <= min(record["count"], 5)
        assert 1 <= len(record["contexts"]) <= record["count"]
        for context in record["contexts"]:
            assert set(context) == CONTEXT_KEYS, context
            sentence, start, end = context["sentence"], context["start"], context["end"]
            assert 0 <= start < end <= len(sentence)
            assert sentence[start:end] in surfaces(record), (record["term"], context)


def test_jsonl_is_sorted_by_score(seeds: SeedRuns) -> None:
    scores = [r["score"] for r in seeds.records]
    assert scores == sorted(scores, reverse=True)


def test_every_context_is_a_fragment_of_its_line(seeds: SeedRuns) -> None:
    lines = {str(path): file_lines(path) for path in SEEDS.glob("*.txt")}
    for record in seeds.records:
        for context in record["contexts"]:
            assert context["source"] in lines, context
            line = lines[context["source"]][context["line"] - 1]
            assert context["sentence"] in line, (record["term"], context)


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("Scaling Law", "尺度定律"),
        ("Token", "词元"),
        ("post-training", "后训练"),
        ("AGI", "通用人工智能"),
    ],
)
def test_stated_pairs_are_single_records(seeds: SeedRuns, en: str, zh: str) -> None:
    by_en, by_zh = find(seeds.records, en), find(seeds.records, zh)
    assert len(by_en) == 1, by_en
    assert by_zh == by_en
    record = by_en[0]
    assert (record["zh"], record["en"]) == (zh, en)
    assert {en, zh} <= set(record["variants"])
    used = {c["sentence"][c["start"] : c["end"]] for c in record["contexts"]}
    assert en in used or zh in used


@pytest.mark.parametrize("term", ["数推分离", "智能体"])
def test_coined_terms_have_real_context_sentences(seeds: SeedRuns, term: str) -> None:
    records = find(seeds.records, term)
    assert len(records) == 1, [r["term"] for r in seeds.records if term in r["term"]]
    record = records[0]
    assert record["zh"] == term
    assert record["lang"] == "zh"
    assert record["count"] >= 2
    assert record["contexts"]
    for context in record["contexts"]:
        line = file_lines(context["source"])[context["line"] - 1]
        assert context["sentence"] in line
        assert context["sentence"][context["start"] : context["end"]] in surfaces(record)
    assert any(term in c["sentence"] for c in record["contexts"])


def test_max_contexts_caps_contexts_but_keeps_counts_true(seeds: SeedRuns) -> None:
    def counts(records: list[dict[str, Any]]) -> list[tuple[str, int, int]]:
        return [(r["term"], r["count"], r["doc_count"]) for r in records]

    assert counts(seeds.capped) == counts(seeds.records)
    assert any(len(r["contexts"]) > 1 for r in seeds.records)  # the cap did cut something
    # extraction kept 20 sentences per term, not all: nothing but the sentences written
    # differs (the types read the words after the sentences kept)
    assert any(r["count"] > 20 for r in seeds.records)
    for capped, full in zip(seeds.capped, seeds.records, strict=True):
        assert len(capped["contexts"]) <= 1
        assert capped["contexts"] == full["contexts"][:1]
        assert {**capped, "contexts": None} == {**full, "contexts": None}


def test_min_score_keeps_fewer_entries(seeds: SeedRuns) -> None:
    # Not a subset: a fragment (聊天) left out under a longer kept term can come back when
    # that longer term falls below the threshold.
    assert 0 < len(seeds.above_07) < len(seeds.records)


def test_min_score_bounds_the_written_scores(seeds: SeedRuns) -> None:
    assert [(r["term"], r["score"]) for r in seeds.above_07 if r["score"] < 0.7] == []


def test_tsv_has_a_header_and_one_row_per_entry(seeds: SeedRuns) -> None:
    assert seeds.tsv.returncode == 0
    assert stderr_lines(seeds.tsv) == []
    assert seeds.tsv.stdout.endswith("\n")
    header, *rows = seeds.tsv.stdout.split("\n")[:-1]
    assert header == TSV_HEADER
    assert len(rows) == len(seeds.records)
    for row, record in zip(rows, seeds.records, strict=True):
        fields = row.split("\t")
        assert len(fields) == 11, row
        assert fields[0] == record["term"]
        assert fields[1] == (record["zh"] or "")
        assert fields[2] == (record["en"] or "")
        assert fields[3] == record["lang"]
        assert (int(fields[5]), int(fields[6])) == (record["count"], record["doc_count"])
        first = record["contexts"][0]
        assert (fields[8], int(fields[9]), fields[10]) == (
            first["source"],
            first["line"],
            first["sentence"],
        )


def test_table_is_the_default_format(seeds: SeedRuns) -> None:
    assert seeds.table.returncode == 0
    assert stderr_lines(seeds.table) == []
    header, *rows = seeds.table.stdout.split("\n")[:-1]
    assert header.split()[:3] == ["#", "中文", "English"]
    assert len(rows) == len(seeds.records)
    assert [row.split()[0] for row in rows] == [str(i) for i in range(1, len(rows) + 1)]


# --------------------------------------------------------------------------- bad input


def _make_bad(kind: str, root: Path) -> Path:
    path = root / f"{kind}.txt"
    if kind == "missing":
        return path
    if kind == "no-text-files":
        path = root / "no-text-files"
        path.mkdir()
        (path / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n")
        return path
    data = {
        "binary": b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00\x01\x00\x00\x00",
        "empty": b"",
        "blank": b" \n\t\r\n\xe3\x80\x80\n",
        "undecodable": "café au lait, naïve résumé\n".encode("latin-1"),
        "control-characters": bytes(range(1, 9)) * 8 + b"text",
    }[kind]
    path.write_bytes(data)
    return path


BAD_KINDS = ["missing", "no-text-files", "binary", "empty", "blank", "undecodable"]
BAD_KINDS += ["control-characters"]


@pytest.mark.parametrize("kind", BAD_KINDS)
def test_a_bad_path_alone_is_reported_and_fails(kind: str, tmp_path: Path) -> None:
    path = _make_bad(kind, tmp_path)
    result = run("extract", path)
    assert result.returncode == 1
    assert result.stdout == ""
    skipped, error = stderr_lines(result)
    assert skipped.startswith(f"glossary: skipped {path}: ")
    assert len(skipped) > len(f"glossary: skipped {path}: ") + 10  # it says why
    assert error == NO_DOCUMENT


def test_bad_paths_are_reported_and_the_good_file_is_read(tmp_path: Path) -> None:
    bad = [_make_bad(kind, tmp_path) for kind in BAD_KINDS]
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = run("extract", *bad[:3], good, *bad[3:], "--format", "jsonl")
    assert result.returncode == 0
    lines = stderr_lines(result)
    assert len(lines) == len(bad) + 1
    for path, line in zip(bad, lines[:-1], strict=True):
        assert line.startswith(f"glossary: skipped {path}: ")
    records = parse_jsonl(result.stdout)
    assert re.fullmatch(
        f"glossary: {len(records)} entries \\(1 zh↔en pairs\\) from 1 documents, "
        f"{len(bad)} skipped in \\d+\\.\\d s, peak memory \\d+ MiB",
        lines[-1],
    ), lines[-1]
    [pair] = find(records, "Scaling Law")
    assert pair["zh"] == "尺度定律"
    assert {c["source"] for r in records for c in r["contexts"]} == {str(good)}


def test_quiet_reports_nothing_but_errors(tmp_path: Path) -> None:
    result = run("extract", "-q", tmp_path / "missing.txt")
    assert result.returncode == 1
    assert stderr_lines(result) == [NO_DOCUMENT]


# --------------------------------------------------------------------------- encodings


@pytest.fixture(scope="module")
def encoded_runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, subprocess.CompletedProcess[str]]:
    """The same text saved in several encodings, each extracted as ``doc.txt`` in its folder."""
    text = SEED_002.read_text(encoding="utf-8")
    root = tmp_path_factory.mktemp("encodings")
    variants = {
        "utf-8": ("utf-8", ()),
        "gb18030": ("gb18030", ()),
        "utf-16": ("utf-16", ()),  # Python writes a byte-order mark
        "gb18030-named": ("gb18030", ("--encoding", "gb18030")),
    }
    processes = {}
    for name, (encoding, options) in variants.items():
        folder = root / name
        folder.mkdir()
        (folder / "doc.txt").write_bytes(text.encode(encoding))
        processes[name] = start("extract", "doc.txt", "--format", "jsonl", *options, cwd=folder)
    return {name: finish(process) for name, process in processes.items()}


def test_utf16_file_starts_with_a_byte_order_mark() -> None:
    assert "智能体".encode("utf-16")[:2] in (b"\xff\xfe", b"\xfe\xff")


@pytest.mark.parametrize("name", ["gb18030", "utf-16", "gb18030-named"])
def test_encodings_give_the_same_entries_as_utf8(
    encoded_runs: dict[str, subprocess.CompletedProcess[str]], name: str
) -> None:
    reference, result = encoded_runs["utf-8"], encoded_runs[name]
    assert reference.returncode == 0, reference.stderr
    assert result.returncode == 0, result.stderr
    assert without_cost(stderr_lines(result)) == without_cost(stderr_lines(reference))
    assert len(parse_jsonl(reference.stdout)) > 10
    assert result.stdout == reference.stdout


def without_cost(lines: list[str]) -> list[str]:
    """The lines without the time and memory of the summary, which vary from run to run."""
    return [re.sub(r" in \d+\.\d s, peak memory \d+ MiB", "", line) for line in lines]


def test_unknown_encoding_is_a_clean_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = run("extract", good, "--encoding", "nonsense")
    assert result.returncode == 2  # a usage error, caught before any file is read
    assert result.stdout == ""
    assert "Invalid value for '--encoding': unknown encoding 'nonsense'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("value", ["base64", "rot13"])
def test_a_codec_that_is_not_a_text_encoding_is_refused(tmp_path: Path, value: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = run("extract", good, "--encoding", value)
    assert result.returncode == 2
    assert f"{value!r} is not a text encoding" in result.stderr


def test_an_empty_output_name_is_a_usage_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    result = run("extract", good, "--output", "")
    assert result.returncode == 2
    assert result.stdout == ""


def test_wrong_named_encoding_is_a_clean_error(tmp_path: Path) -> None:
    doc = tmp_path / "doc.txt"
    doc.write_bytes(GOOD_TEXT.encode("gb18030"))
    result = run("extract", doc, "--encoding", "utf-8")
    assert result.returncode == 1
    skipped, error = stderr_lines(result)
    assert skipped.startswith(f"glossary: skipped {doc}: cannot decode as utf-8 (byte 0x")
    assert error == NO_DOCUMENT


# --------------------------------------------------------------------------- Traditional


@pytest.fixture(scope="module")
def traditional(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    path = tmp_path_factory.mktemp("traditional") / "zh-hant.txt"
    path.write_text(TRADITIONAL_TEXT, encoding="utf-8")
    result = run("extract", path, "--format", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    assert stderr_lines(result) == []
    return parse_jsonl(result.stdout)


def test_traditional_pair_is_found(traditional: list[dict[str, Any]]) -> None:
    [record] = find(traditional, "LLM")
    assert (record["zh"], record["en"]) == ("大型語言模型", "LLM")


def test_traditional_and_simplified_spellings_share_one_entry(
    traditional: list[dict[str, Any]],
) -> None:
    # 智能體 (four times) and 智能体 (three times) are one entry, found by either spelling.
    records = find(traditional, "智能体") + find(traditional, "智能體")
    assert len(records) == 2
    assert records[0] == records[1]
    assert {"智能体", "智能體"} <= set(records[0]["variants"])
    assert records[0]["count"] >= 4


# --------------------------------------------------------------------------- output and usage


def test_output_into_a_missing_directory_is_a_clean_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    target = tmp_path / "no" / "such" / "dir" / "out.jsonl"
    result = run("extract", good, "--output", target)
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = stderr_lines(result)
    assert line.startswith(f"glossary: error: {target}: ")
    assert not (tmp_path / "no").exists()


def test_output_onto_a_directory_is_a_clean_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    target = tmp_path / "out"
    target.mkdir()
    result = run("extract", good, "--output", target, "-q")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.txt", "out"]  # no temp file
    assert list(target.iterdir()) == []
    assert result.returncode == 1
    [line] = stderr_lines(result)
    assert line.startswith(f"glossary: error: {target}: ")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
def test_a_failing_stdout_is_a_clean_error(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(GOOD_TEXT, encoding="utf-8")
    with open("/dev/full", "w", encoding="utf-8") as full:
        result = finish(start("extract", good, "-q", stdout=full))
    assert result.returncode == 1
    [line] = stderr_lines(result)
    assert line.startswith("glossary: error: ")


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "--bogus", "seeds"],
        ["--bogus"],
        ["extract"],
        ["nosuchcommand"],
        ["extract", "seeds", "--format", "xml"],
        ["extract", "seeds", "--max-contexts", "-1"],
        ["extract", "seeds", "--min-score", "2"],
        ["extract", "seeds", "--workers", "0"],
        ["extract", "seeds", "--engine", "dask"],  # where is the cluster?
        ["extract", "seeds", "--scheduler", "tcp://127.0.0.1:8786"],  # which engine?
        ["build", "--scheduler", "tcp://127.0.0.1:8786"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args, cwd=ROOT)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = stderr_lines(result)
    assert lines[0].startswith("Usage: glossary")
    assert lines[-1].startswith("Error: ")


def test_a_jsonl_record_carries_every_field_of_the_entry_and_its_contexts() -> None:
    from dataclasses import fields

    from glossary.models import Context, Entry
    from glossary.output import entry_record

    context = Context("a.txt", 3, "尺度定律(Scaling Law)撞墙了", 0, 4)
    entry = Entry("尺度定律", "尺度定律", "Scaling Law", ("尺度定律",), "zh", 0.9, 2, 1, (context,))
    record = entry_record(entry)
    # every field but where sentences kept on disk came from, read back before writing
    assert set(record) == {f.name for f in fields(Entry)} - {"spilled_from"}
    assert record["contexts"] == [context._asdict()]
    assert set(record["contexts"][0]) == set(Context._fields)  # type: ignore[index]


def test_every_sentence_is_written_though_most_waited_on_disk(tmp_path: Path) -> None:
    """Without --max-contexts, JSONL holds every sentence of every entry, in order, and the
    table and TSV their first: in each format, what a run that kept them all in memory
    writes."""
    import io

    from glossary.output import WRITERS
    from glossary.pipeline import extract

    for name in ("a.txt", "b.txt"):
        lines = [f"第{i}次实验里,尺度定律(Scaling Law)再次得到验证。" for i in range(25)]
        lines += [f"尺度定律在第{i}组数据上也成立。" for i in range(25)]
        (tmp_path / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = extract([str(tmp_path)]).entries  # every sentence in memory
    outputs = {}
    for name, writer in WRITERS.items():
        result = run("extract", tmp_path, "--format", name, "--quiet")
        assert result.returncode == 0, result.stderr
        in_memory = io.StringIO()
        writer(entries, in_memory)
        assert result.stdout == in_memory.getvalue(), name
        outputs[name] = result.stdout
    records = [json.loads(line) for line in outputs["jsonl"].splitlines()]
    pair = next(r for r in records if r["term"] == "Scaling Law")
    assert (pair["zh"], pair["count"], len(pair["contexts"])) == ("尺度定律", 150, 100)


def _damaged_cache(tmp_path: Path) -> Path:
    cache = tmp_path / "cache.sqlite"
    assert run("extract", SEED_002, "--cache", cache, "--quiet").returncode == 0
    with cache.open("r+b") as handle:
        handle.truncate(3 * 4096)  # the tables' pages gone
    return cache


@pytest.mark.parametrize(
    ("make_cache", "message"),
    [
        (lambda tmp: tmp / "notes.txt", "notes.txt: is not a cache (not an SQLite file); it was"),
        (lambda tmp: tmp, ": is a folder; give --cache a file, such as "),
        (lambda tmp: tmp / "notes.txt" / "c.sqlite", "notes.txt is a file, not a folder"),
        (_damaged_cache, "cache.sqlite: is damaged (database disk image is malformed); delete it"),
    ],
    ids=["a text file", "a folder", "below a file", "damaged"],
)
@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_cache_that_cannot_be_used_is_a_clear_error_and_is_left_alone(
    command: str, make_cache: Any, message: str, tmp_path: Path
) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("我的笔记:尺度定律。\n", encoding="utf-8")
    cache = make_cache(tmp_path)
    before = cache.read_bytes() if cache.is_file() else None
    if command == "extract":
        result = run("extract", SEED_002, "--cache", cache)
    else:
        database = tmp_path / "out" / "glossary.sqlite"
        result = run(
            "build", "--corpus", SEED_002, "--glossary", database, "--no-site", "--cache", cache
        )
        assert not database.exists()
    assert result.returncode == 1
    assert result.stdout == ""
    (line,) = stderr_lines(result)
    assert line.startswith("glossary: error: ")
    assert message in line
    assert "give --cache a " in line  # what to do
    if before is not None:
        assert cache.read_bytes() == before
    assert notes.read_text(encoding="utf-8") == "我的笔记:尺度定律。\n"


@pytest.mark.parametrize(
    ("done", "total", "written"),
    [
        (3, 50, "\rglossary: 3/50 documents\x1b[K"),
        (50, 50, "\rglossary: 50/50 documents\x1b[K\n"),
        (2, 5, ""),  # a few documents: no report until the last
        (5, 5, "\rglossary: 5/5 documents\x1b[K\n"),
        (0.4, 1, "\rglossary: 0/1 documents, 40% of the next\x1b[K"),  # one large file
        (2.25, 3, "\rglossary: 2/3 documents, 25% of the next\x1b[K"),
    ],
)
def test_the_progress_line(
    done: float, total: int, written: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from glossary.cli import _report_progress

    _report_progress(done, total)
    assert capsys.readouterr() == ("", written)
