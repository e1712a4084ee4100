"""``glossary terms add TERM --to FILE``: a stub for a corpus term appended to a terms file.

One glossary is built per module (in a subprocess, as a user builds it); every test writes
its own terms file in ``tmp_path`` and runs ``glossary terms add`` on it.
"""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest
import yaml
from cli_runner import GLOSSARY, run, run_command

CORPUS = """\
推理架构的新趋势
2025-03-02
数推分离是推理系统的新架构,数推分离可以降低成本。
近期,尺度定律(Scaling Law)撞墙的争论甚嚣尘上。
后训练(post-training)越来越重要,Post Training 的方法很多。
"""

CURATED = """\
- id: scaling-law
  zh: 尺度定律
  en: Scaling Law
"""

SPLIT_NOTE = (
    "Used 2 times in 1 documents, e.g. “数推分离是推理系统的新架构,数推分离可以降低成本。” "
    "(corpus/news.txt:3)"
)
SPLIT_STUB = {
    "id": "shu-tui-fen-li",
    "zh": "数推分离",
    "type": "concept",
    "sources": ["corpus/news.txt"],
    "note": SPLIT_NOTE,
}
STUB_COMMENT = (
    "# Added by `glossary terms add` from the corpus evidence: review it, then add a definition."
)
HEADER = "# Curated glossary terms: a YAML list of entries (see README, 'Curated terms').\n"

# A hand-kept file: comments, odd spacing, a flow mapping, and no newline at the end.
HAND_KEPT = (
    "# My terms   \n"
    "\n"
    "-   id: agent      # the one everybody asks about\n"
    "    zh:   智能体\n"
    "    en: Agent\n"
    "    renderings: { 代理 : admitted }\n"
    "\n"
    "\n"
    "# trailing comment without a newline"
).encode()


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    (root / "corpus").mkdir()
    (root / "corpus" / "news.txt").write_text(CORPUS, encoding="utf-8")
    (root / "curated.yaml").write_text(CURATED, encoding="utf-8")
    result = run(
        "build",
        "--corpus",
        "corpus",
        "--terms",
        "curated.yaml",
        "--glossary",
        "g.sqlite",
        "--no-site",
        cwd=root,
    )
    assert result.returncode == 0, result.stderr
    return root / "g.sqlite"


def add(term: str, target: Path, database: Path) -> subprocess.CompletedProcess[str]:
    result = run("terms", "add", term, "--to", target, "--glossary", database)
    assert "Traceback" not in result.stderr, result.stderr
    return result


def refused(result: subprocess.CompletedProcess[str]) -> str:
    """The one-line error of a refused ``terms add``."""
    assert result.returncode == 1, result
    assert result.stdout == ""
    assert result.stderr.startswith("glossary: error: ")
    return result.stderr


def listing(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def entries(path: Path) -> list[dict[str, object]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return run("check", path.name, cwd=path.parent)


# --------------------------------------------------------------------------- appending


def test_appends_a_stub_and_keeps_every_old_byte(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    result = add("数推分离", target, database)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    new = target.read_bytes()
    # The old bytes, one newline (the file had none at its end), then the stub.
    assert new.startswith(HAND_KEPT + b"\n\n" + STUB_COMMENT.encode() + b"\n- id: shu-tui-fen-li\n")
    appended = new[len(HAND_KEPT) + 1 :].decode("utf-8")
    assert result.stdout == f"Added entry 'shu-tui-fen-li' to {target}:\n{appended}\n"
    assert appended.endswith("\n")
    # The old entry reads as before; the stub holds the corpus evidence.
    old, stub = entries(target)
    assert old == {"id": "agent", "zh": "智能体", "en": "Agent", "renderings": {"代理": "admitted"}}
    assert stub == SPLIT_STUB
    assert listing(tmp_path) == ["mine.yaml"]


def test_the_stub_passes_check_with_warnings(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    assert add("数推分离", target, database).returncode == 0
    stub_line = target.read_text(encoding="utf-8").splitlines().index("- id: shu-tui-fen-li") + 1
    result = check(target)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 entries in 1 file: OK\n"
    assert result.stderr.splitlines() == [
        "mine.yaml:3: entry agent: no definition yet; add definition: {zh: …, en: …} (warning)",
        f"mine.yaml:{stub_line}: entry shu-tui-fen-li: no English rendering yet; "
        "add en: <English term> (warning)",
        f"mine.yaml:{stub_line}: entry shu-tui-fen-li: no definition yet; "
        "add definition: {zh: …, en: …} (warning)",
    ]


def test_file_ending_in_a_newline_gets_nothing_but_the_stub(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    old = CURATED.replace("scaling-law", "other").replace("尺度定律", "别的").encode()
    old = old.replace(b"Scaling Law", b"Other") + b"# end\n"
    target.write_bytes(old)
    result = add("数推分离", target, database)
    assert result.returncode == 0, result.stderr
    new = target.read_bytes()
    assert new.startswith(old + b"\n" + STUB_COMMENT.encode())
    assert entries(target)[1] == SPLIT_STUB


def test_windows_line_endings_are_kept(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    old = b"# terms\r\n- id: agent\r\n  zh: \xe6\x99\xba\xe8\x83\xbd\xe4\xbd\x93\r\n"
    target.write_bytes(old)
    assert add("数推分离", target, database).returncode == 0
    assert target.read_bytes().startswith(old + b"\n" + STUB_COMMENT.encode())
    assert [e["id"] for e in entries(target)] == ["agent", "shu-tui-fen-li"]


def test_empty_file(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(b"")
    assert add("数推分离", target, database).returncode == 0
    assert target.read_bytes().startswith(b"\n" + STUB_COMMENT.encode())
    assert entries(target) == [SPLIT_STUB]


def test_stub_of_a_pair_has_both_languages(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    result = add("Post Training", target, database)
    assert result.returncode == 0, result.stderr
    assert entries(target)[-1] == {
        "id": "post-training",
        "zh": "后训练",
        "en": "post-training",
        "type": "concept",
        "sources": ["corpus/news.txt"],
        "note": "Used 3 times in 1 documents, e.g. “后训练(post-training)越来越重要,"
        "Post Training 的方法很多。” (corpus/news.txt:5)",
    }
    assert check(target).returncode == 0


def test_adds_by_pinyin(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert add("shu tui fen li", target, database).returncode == 0
    assert entries(target) == [SPLIT_STUB]


def test_creates_a_missing_file(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    result = add("数推分离", target, database)
    assert result.returncode == 0, result.stderr
    text = target.read_text(encoding="utf-8")
    assert text.startswith(HEADER + "\n" + STUB_COMMENT + "\n- id: shu-tui-fen-li\n")
    assert entries(target) == [SPLIT_STUB]
    result = check(target)
    assert (result.returncode, result.stdout) == (0, "1 entry in 1 file: OK\n")
    assert listing(tmp_path) == ["new.yaml"]


def test_adding_twice_is_refused(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    assert add("数推分离", target, database).returncode == 0
    before = target.read_bytes()
    message = refused(add("数推分离", target, database))
    assert message == f"glossary: error: {target}: already has an entry with id 'shu-tui-fen-li'\n"
    assert target.read_bytes() == before
    assert listing(tmp_path) == ["mine.yaml"]


# --------------------------------------------------------------------------- refusals


def test_refuses_a_curated_term(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    for query in ("尺度定律", "scaling law", "chi du ding lv"):
        message = refused(add(query, target, database))
        assert message == f"glossary: error: {query!r} is already curated as entry 'scaling-law'\n"
    assert target.read_bytes() == HAND_KEPT
    assert listing(tmp_path) == ["mine.yaml"]


def test_refuses_an_unknown_term_with_a_suggestion(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    message = refused(add("数推分立", target, database))
    assert message == "glossary: error: '数推分立' is not in the glossary; did you mean 数推分离?\n"
    message = refused(add("Scalng Law", target, database))
    assert message == (
        "glossary: error: 'Scalng Law' is not in the glossary; did you mean 尺度定律 / Scaling Law?\n"
    )
    message = refused(add("xyzzy", target, database))
    assert message == "glossary: error: 'xyzzy' is not in the glossary\n"
    assert target.read_bytes() == HAND_KEPT
    assert listing(tmp_path) == ["mine.yaml"]


def test_refuses_an_unknown_term_without_creating_the_file(database: Path, tmp_path: Path) -> None:
    refused(add("xyzzy", tmp_path / "new.yaml", database))
    assert listing(tmp_path) == []


@pytest.mark.parametrize(
    "old",
    [
        b"- id: a\n  zh: \xe7\x94\xb2\n  colour: blue\n",
        b"- id: a\n  zh: [\n",
        b"id: a\nzh: b\n",
        b"- id: a\n  zh: \xb2\xe2\xca\xd4\n",  # GB18030, not UTF-8
    ],
    ids=["unknown-field", "syntax", "mapping", "not-utf8"],
)
def test_refuses_a_file_with_problems(database: Path, tmp_path: Path, old: bytes) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(old)
    message = refused(add("数推分离", target, database))
    first, *problems = message.splitlines()
    assert first == f"glossary: error: {target} has problems; fix them before adding to it:"
    assert problems[0].startswith(f"{target}:")
    assert problems[-1] == "1 problem in the terms files"
    assert target.read_bytes() == old
    assert listing(tmp_path) == ["mine.yaml"]


def test_related_ids_in_other_files_are_not_problems(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    old = b"- id: agent\n  zh: \xe6\x99\xba\xe8\x83\xbd\xe4\xbd\x93\n  related: [scaling-law]\n"
    target.write_bytes(old)
    assert add("数推分离", target, database).returncode == 0
    assert target.read_bytes().startswith(old)


def test_missing_database(tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    missing = tmp_path / "none.sqlite"
    message = refused(add("数推分离", target, missing))
    assert message == f"glossary: error: {missing}: no glossary here; run `glossary build` first\n"
    assert target.read_bytes() == HAND_KEPT
    assert listing(tmp_path) == ["mine.yaml"]


# --------------------------------------------------------------------------- file mode


@pytest.mark.parametrize("mode", [0o640, 0o604, 0o664])
def test_keeps_the_permission_bits(database: Path, tmp_path: Path, mode: int) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    target.chmod(mode)
    assert add("数推分离", target, database).returncode == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert listing(tmp_path) == ["mine.yaml"]


def test_a_new_file_follows_the_umask(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    command = [*GLOSSARY, "terms", "add", "数推分离", "--to", target, "--glossary", database]
    result = run_command("sh", "-c", 'umask 022 && exec "$@"', "sh", *command)
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


# --------------------------------------------------------------------------- known bugs


def test_target_in_a_missing_directory_is_a_clean_error(database: Path, tmp_path: Path) -> None:
    result = run(
        "terms", "add", "数推分离", "--to", tmp_path / "no" / "t.yaml", "--glossary", database
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.startswith("glossary: error: ")


def test_target_that_is_a_directory_is_a_clean_error(database: Path, tmp_path: Path) -> None:
    result = run("terms", "add", "数推分离", "--to", tmp_path, "--glossary", database)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1
    assert result.stderr.startswith("glossary: error: ")


def test_a_prefix_is_not_taken_for_the_term(database: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.yaml"
    target.write_bytes(HAND_KEPT)
    refused(add("数推", target, database))
    assert target.read_bytes() == HAND_KEPT
