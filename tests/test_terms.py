"""The curated terms schema (``glossary.terms``) and ``glossary check``.

Terms files are written to a temporary directory; ``glossary check`` is run as a user runs
it, in a subprocess with that directory as the working directory, so every problem line can
be compared whole.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from cli_runner import run

from glossary.terms import (
    CuratedTerm,
    Definition,
    Status,
    TermsFileError,
    load_terms,
    term_warnings,
)

KNOWN_FIELDS = (
    "id, zh, en, zh_hant, abbr, aliases, renderings, type, category, definition, related, "
    "pinyin, sources, note"
)

VALID = """\
# Curated terms: a valid file.
- id: scaling-law
  zh: 尺度定律
  en: Scaling Law
  renderings: {缩放定律: admitted, 规模定律: deprecated}
  type: concept
  category: 训练与扩展
  definition:
    zh: 模型性能随规模按幂律提升的经验规律。
    en: Model performance improves as a power law of scale.
  related: [token]
  sources: [https://arxiv.org/abs/2001.08361]
  note: 也有人译作“规模法则”。

- id: token
  zh: 词元
  en: Token
  zh_hant: 詞元
  abbr: [TOK]
  aliases: [Tokens, 标记]
  renderings:
    令牌: deprecated
    符元: admitted
    记号: forbidden
  definition: {zh: 模型读写文本的最小单位。, en: The smallest unit of text a model reads.}

- id: shu-tui-fen-li
  zh: 数推分离
  pinyin: shù tuī fēn lí
"""


def run_check(*paths: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return run("check", *paths, cwd=cwd)


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def failed(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The problem lines of a failed check (the count line checked and dropped)."""
    assert "Traceback" not in result.stderr, result.stderr
    assert result.returncode == 1, result
    assert result.stdout == ""
    *problems, summary = result.stderr.splitlines()
    count = len(problems)
    assert summary == f"{count} problem{'s' if count != 1 else ''} in the terms files"
    return problems


# --------------------------------------------------------------------------- the schema


def test_valid_file_loads_with_exact_values(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.yaml", VALID)
    loaded = load_terms([str(path)])
    assert [(t.term.id, t.path, t.line) for t in loaded] == [
        ("scaling-law", str(path), 2),
        ("token", str(path), 15),
        ("shu-tui-fen-li", str(path), 27),
    ]
    scaling, token, split = (t.term for t in loaded)
    assert scaling == CuratedTerm(
        id="scaling-law",
        zh="尺度定律",
        en="Scaling Law",
        renderings={"缩放定律": Status.ADMITTED, "规模定律": Status.DEPRECATED},
        type="concept",
        category="训练与扩展",
        definition=Definition(
            zh="模型性能随规模按幂律提升的经验规律。",
            en="Model performance improves as a power law of scale.",
        ),
        related=["token"],
        sources=["https://arxiv.org/abs/2001.08361"],
        note="也有人译作“规模法则”。",
    )
    assert scaling.zh_hant is None
    assert scaling.pinyin is None
    assert scaling.abbr == []
    assert scaling.aliases == []
    assert token.zh_hant == "詞元"
    assert token.abbr == ["TOK"]
    assert token.aliases == ["Tokens", "标记"]
    assert token.renderings == {
        "令牌": Status.DEPRECATED,
        "符元": Status.ADMITTED,
        "记号": Status.FORBIDDEN,
    }
    assert token.definition == Definition(
        zh="模型读写文本的最小单位。", en="The smallest unit of text a model reads."
    )
    assert token.type == "concept"  # the default
    assert token.related == []
    assert split.model_dump() == {
        "id": "shu-tui-fen-li",
        "zh": "数推分离",
        "en": None,
        "zh_hant": None,
        "abbr": [],
        "aliases": [],
        "renderings": {},
        "type": "concept",
        "category": None,
        "definition": None,
        "related": [],
        "pinyin": "shù tuī fēn lí",
        "sources": [],
        "note": None,
    }


def test_field_lines(tmp_path: Path) -> None:
    path = write(tmp_path, "terms.yaml", VALID)
    scaling, token, split = load_terms([str(path)])
    assert scaling.line_of("id") == 2
    assert scaling.line_of("zh") == 3
    assert scaling.line_of("en") == 4
    assert scaling.line_of("related") == 11
    assert scaling.line_of("abbr") == 2  # absent: the entry's line
    assert token.line_of("renderings") == 21
    assert token.line_of("definition") == 25
    assert split.line_of("pinyin") == 29
    assert split.line_of("en") == 27


def test_surfaces(tmp_path: Path) -> None:
    scaling, token, split = (t.term for t in load_terms([str(write(tmp_path, "t.yaml", VALID))]))
    assert scaling.surfaces() == ["尺度定律", "Scaling Law", "缩放定律", "规模定律"]
    # zh, en, abbreviations, aliases, renderings, then zh_hant; no duplicates.
    assert token.surfaces() == [
        "词元",
        "Token",
        "TOK",
        "Tokens",
        "标记",
        "令牌",
        "符元",
        "记号",
        "詞元",
    ]
    assert split.surfaces() == ["数推分离"]
    repeated = CuratedTerm(
        id="x", zh="甲", en="A", aliases=["A", "甲"], renderings={"甲": Status.ADMITTED}
    )
    assert repeated.surfaces() == ["甲", "A"]


def test_status_of(tmp_path: Path) -> None:
    scaling, token, split = (t.term for t in load_terms([str(write(tmp_path, "t.yaml", VALID))]))
    assert scaling.status_of("尺度定律") is Status.PREFERRED
    assert scaling.status_of("Scaling Law") is Status.PREFERRED
    assert scaling.status_of("缩放定律") is Status.ADMITTED
    assert scaling.status_of("规模定律") is Status.DEPRECATED
    assert token.status_of("记号") is Status.FORBIDDEN
    assert token.status_of("令牌") is Status.DEPRECATED
    # Abbreviations, aliases and the Traditional form are admitted forms.
    assert token.status_of("TOK") is Status.ADMITTED
    assert token.status_of("Tokens") is Status.ADMITTED
    assert token.status_of("詞元") is Status.ADMITTED
    assert split.status_of("数推分离") is Status.PREFERRED
    assert str(Status.DEPRECATED) == "deprecated"


def test_warnings_for_unfinished_entries(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", VALID)
    scaling, token, split = load_terms([str(path)])
    assert scaling.term.warnings() == []
    assert token.term.warnings() == []
    assert split.term.warnings() == [
        ("en", "no English rendering yet; add en: <English term>"),
        ("definition", "no definition yet; add definition: {zh: …, en: …}"),
    ]
    english_only = CuratedTerm(id="x", zh="甲", en="A")
    assert english_only.warnings() == [
        ("definition", "no definition yet; add definition: {zh: …, en: …}")
    ]
    assert [str(w) for w in term_warnings([scaling, token, split])] == [
        f"{path}:27: entry shu-tui-fen-li: no English rendering yet; add en: <English term>",
        f"{path}:27: entry shu-tui-fen-li: no definition yet; add definition: {{zh: …, en: …}}",
    ]


def test_load_terms_raises_with_every_problem(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "- id: a\n  zh: 甲\n  colour: x\n- id: b\n")
    with pytest.raises(TermsFileError) as caught:
        load_terms([str(path)])
    assert [(p.path, p.line, p.entry) for p in caught.value.problems] == [
        (str(path), 3, "a"),
        (str(path), 4, "b"),
    ]
    assert str(caught.value).endswith("\n2 problems in the terms files")


def test_related_may_point_into_other_files_when_read_alone(tmp_path: Path) -> None:
    path = write(tmp_path, "t.yaml", "- id: a\n  zh: 甲\n  related: [elsewhere]\n")
    assert [t.term.id for t in load_terms([str(path)], check_related=False)] == ["a"]
    with pytest.raises(TermsFileError):
        load_terms([str(path)])


# --------------------------------------------------------------------------- glossary check: problems

MISTAKES = """\
# Terms with one mistake of each kind.
- id: scaling-law
  zh: 尺度定律
  en: Scaling Law

- id: token
  zh: 词元
  en: Token
  colour: blue

- id: agent
  en: Agent

- id: compute
  zh: 算力
  en: Compute

- id: compute
  zh: 计算资源

- id: scaling
  zh: 缩放
  en: scaling law

- id: moe
  zh: 混合专家
  related: [compute, scaling-laws]
  zh: 专家混合
"""

SYNTAX_ERROR = """\
- id: broken
  zh: 坏
  en: Broken: Term
"""


def test_check_reports_every_problem_once_with_its_line(tmp_path: Path) -> None:
    write(tmp_path, "terms/a.yaml", MISTAKES)
    write(tmp_path, "terms/b.yaml", SYNTAX_ERROR)
    assert failed(run_check("terms", cwd=tmp_path)) == [
        f"terms/a.yaml:9: entry token: unknown field 'colour'; known fields are {KNOWN_FIELDS}",
        "terms/a.yaml:11: entry agent: field 'zh' is required; "
        "add zh: <the preferred Simplified Chinese term>",
        "terms/a.yaml:18: entry compute: id 'compute' is already used at terms/a.yaml:14; "
        "give each entry its own id",
        "terms/a.yaml:23: entry scaling: en 'scaling law' is already the en of entry "
        "scaling-law (terms/a.yaml:2); merge the two entries or record one as a rendering "
        "of the other",
        "terms/a.yaml:27: entry moe: related id 'scaling-laws' does not exist; "
        "did you mean 'scaling-law'?",
        "terms/a.yaml:28: entry moe: field 'zh' given twice (first at line 26); keep one",
        "terms/b.yaml:3: YAML syntax: mapping values are not allowed here; fix the markup there",
    ]


def test_check_with_the_default_directory(tmp_path: Path) -> None:
    """Without a path, ``glossary check`` reads ``terms/`` in the working directory."""
    write(tmp_path, "terms/a.yaml", MISTAKES)
    write(tmp_path, "terms/b.yaml", SYNTAX_ERROR)
    assert failed(run_check(cwd=tmp_path)) == failed(run_check("terms", cwd=tmp_path))


def test_check_files_given_one_by_one(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", MISTAKES)
    write(tmp_path, "b.yaml", SYNTAX_ERROR)
    problems = failed(run_check("b.yaml", "a.yaml", cwd=tmp_path))
    assert [p.split(":", 2)[:2] for p in problems] == [
        ["a.yaml", "9"],
        ["a.yaml", "11"],
        ["a.yaml", "18"],
        ["a.yaml", "23"],
        ["a.yaml", "27"],
        ["a.yaml", "28"],
        ["b.yaml", "3"],
    ]


def test_same_zh_across_files(tmp_path: Path) -> None:
    write(tmp_path, "terms/a.yaml", "- id: agent\n  zh: 智能体\n")
    write(tmp_path, "terms/b.yaml", "# second file\n- id: agent-2\n  zh: 智能體\n")
    assert failed(run_check("terms", cwd=tmp_path)) == [
        "terms/b.yaml:3: entry agent-2: zh '智能體' is already the zh of entry agent "
        "(terms/a.yaml:1); merge the two entries or record one as a rendering of the other"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "- id: token\n  zh: 词元\n  en: Token\n  renderings:\n    令牌: recommended\n",
            "t.yaml:4: entry token: field 'renderings.令牌': Input should be 'preferred', "
            "'admitted', 'deprecated' or 'forbidden'; expected a mapping such as "
            "{令牌: admitted}; statuses are preferred, admitted, deprecated, forbidden",
            id="invalid-status",
        ),
        pytest.param(
            "- id: Scaling_Law\n  zh: 尺度定律\n",
            "t.yaml:1: entry Scaling_Law: field 'id': String should match pattern "
            "'^[a-z0-9]+(?:-[a-z0-9]+)*$'; expected a lower-case slug such as scaling-law",
            id="bad-id",
        ),
        pytest.param(
            "- id: a\n  zh: 甲\n  related: [Not A Slug]\n",
            "t.yaml:3: entry a: field 'related.0': String should match pattern "
            "'^[a-z0-9]+(?:-[a-z0-9]+)*$'; expected a list of ids of other entries",
            id="bad-related-id",
        ),
        pytest.param(
            "id: token\nzh: 词元\n",
            "t.yaml:1: a terms file is a list of entries (- id: …)",
            id="top-level-mapping",
        ),
        pytest.param(
            "# comment\n- id: a\n  zh: 甲\n- just a string\n",
            "t.yaml:4: an entry is a mapping of fields (id: …, zh: …)",
            id="scalar-entry",
        ),
        pytest.param(
            "- id: a\n  zh: 甲\n  type: concpet\n",
            "t.yaml:3: entry a: field 'type': Input should be 'concept', 'org', 'product', "
            "'person' or 'other'; expected one of concept, org, product, person, other",
            id="bad-type",
        ),
        pytest.param(
            "- id: a\n  zh: 甲\n  definition: {zh: 说明}\n",
            "t.yaml:3: entry a: field 'definition.en' is required; add definition: <a mapping "
            "with zh: and en:>",
            id="half-definition",
        ),
        pytest.param(
            "- id: a\n  zh: '  '\n",
            "t.yaml:2: entry a: field 'zh': String should have at least 1 character; "
            "expected the preferred Simplified Chinese term",
            id="blank-zh",
        ),
        pytest.param(
            "- id: a\n  zh: 甲\n  renderings: {乙: preferred}\n",
            "t.yaml:3: entry a: rendering '乙' is marked preferred, but zh and en are the "
            "preferred renderings; make it admitted or swap it into zh/en",
            id="preferred-rendering",
        ),
        pytest.param(
            "- id: a\n  zh: 甲\n  id: b\n",
            "t.yaml:3: entry a: field 'id' given twice (first at line 1); keep one",
            id="duplicate-id-key",
        ),
        pytest.param(
            "- id: a\n  zh: [甲\n",
            "t.yaml:3: YAML syntax: expected ',' or ']', but got '<stream end>'; "
            "fix the markup there",
            id="unclosed-bracket",
        ),
    ],
)
def test_check_single_problem(tmp_path: Path, text: str, expected: str) -> None:
    write(tmp_path, "t.yaml", text)
    assert failed(run_check("t.yaml", cwd=tmp_path)) == [expected]


def test_check_non_utf8_file(tmp_path: Path) -> None:
    (tmp_path / "t.yaml").write_bytes("- id: token\n  zh: 词元\n".encode("gb18030"))
    [problem] = failed(run_check("t.yaml", cwd=tmp_path))
    assert problem == "t.yaml:2: not UTF-8 (byte 0xb4); save the file as UTF-8"


def test_check_missing_file(tmp_path: Path) -> None:
    assert failed(run_check("nothing.yaml", cwd=tmp_path)) == [
        "nothing.yaml: no such file; check the path"
    ]


def test_windows_line_endings_and_bom_keep_line_numbers(tmp_path: Path) -> None:
    text = "\ufeff# terms\r\n- id: a\r\n  zh: 甲\r\n  colour: x\r\n"
    (tmp_path / "t.yaml").write_bytes(text.encode("utf-8"))
    assert failed(run_check("t.yaml", cwd=tmp_path)) == [
        f"t.yaml:4: entry a: unknown field 'colour'; known fields are {KNOWN_FIELDS}"
    ]


def test_related_link_to_an_entry_with_a_problem_is_not_dangling(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.yaml",
        "- id: token\n  zh: 词元\n  colour: blue\n- id: compute\n  zh: 算力\n  related: [token]\n",
    )
    assert failed(run_check("t.yaml", cwd=tmp_path)) == [
        f"t.yaml:3: entry token: unknown field 'colour'; known fields are {KNOWN_FIELDS}"
    ]


# --------------------------------------------------------------------------- glossary check: OK


def test_check_valid_directory(tmp_path: Path) -> None:
    write(tmp_path, "terms/a.yaml", VALID)
    write(tmp_path, "terms/more/b.yml", "- id: agent\n  zh: 智能体\n  en: Agent\n")
    write(tmp_path, "terms/notes.txt", "not a terms file: [")
    result = run_check("terms", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "4 entries in 2 files: OK\n"
    assert result.stderr.splitlines() == [
        "terms/a.yaml:27: entry shu-tui-fen-li: no English rendering yet; "
        "add en: <English term> (warning)",
        "terms/a.yaml:27: entry shu-tui-fen-li: no definition yet; "
        "add definition: {zh: …, en: …} (warning)",
        "terms/more/b.yml:1: entry agent: no definition yet; "
        "add definition: {zh: …, en: …} (warning)",
    ]


def test_check_without_warnings_is_quiet_on_stderr(tmp_path: Path) -> None:
    write(
        tmp_path,
        "t.yaml",
        "- id: a\n  zh: 甲\n  en: A\n  definition: {zh: 甲的定义。, en: The definition of A.}\n",
    )
    result = run_check("t.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "1 entry in 1 file: OK\n",
        "",
    )


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("\n\n", id="blank"),
        pytest.param("# only a comment\n", id="comment"),
        pytest.param("--- # terms\n", id="document-marker"),
    ],
)
def test_check_empty_file(tmp_path: Path, text: str) -> None:
    write(tmp_path, "t.yaml", text)
    result = run_check("t.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0,
        "0 entries in 1 file: OK\n",
        "",
    )


def test_check_related_across_files(tmp_path: Path) -> None:
    write(tmp_path, "terms/a.yaml", "- id: a\n  zh: 甲\n  en: A\n  related: [b]\n")
    write(tmp_path, "terms/b.yaml", "- id: b\n  zh: 乙\n  en: B\n  related: [a]\n")
    result = run_check("terms", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "2 entries in 2 files: OK\n"
