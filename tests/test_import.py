"""``glossary import FILE``: existing termbases (TBX 2019 and 2008, CSV, TSV, XLSX) → a new
terms file that ``glossary check`` accepts; clear errors with line numbers; never an
overwrite.

The round trips of the tool's own exports are in ``test_export.py``; here are files made
elsewhere, in the shapes other tools write, and broken files.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from glossary.errors import GlossaryError, TermbaseError
from glossary.export.importer import detect_format, import_termbase
from glossary.terms import load_terms

ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}

# A TBX-Basic 2019 file as a termbase tool writes it (after LTAC-Global's DCA example):
# transactions, parts of speech, an image, languages other than ours, no status on some.
FOREIGN_TBX = """\
<?xml version="1.0" encoding="utf-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>From a termbase tool</p></sourceDesc></fileDesc></tbxHeader>
  <text>
    <body>
      <conceptEntry id="C1">
        <transacGrp>
          <transac type="transactionType">origination</transac>
          <date>2024-04-17</date>
        </transacGrp>
        <descrip type="subjectField">Machine learning</descrip>
        <xref type="xGraphic" target="https://example.com/a.png">a.png</xref>
        <ref type="crossReference" target="C2">token</ref>
        <langSec xml:lang="en-US">
          <descripGrp>
            <descrip type="definition">A system that acts
                on its own.</descrip>
            <admin type="source">Oxford2024</admin>
          </descripGrp>
          <termSec>
            <term>agent</term>
            <termNote type="partOfSpeech">noun</termNote>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
            <descripGrp>
              <descrip type="context">The agent books the flight.</descrip>
              <admin type="source">http://example.com</admin>
            </descripGrp>
          </termSec>
          <termSec>
            <term>software agent</term>
            <termNote type="administrativeStatus">supersededTerm-admn-sts</termNote>
            <note>Older usage.</note>
          </termSec>
        </langSec>
        <langSec xml:lang="zh-CN">
          <descrip type="definition">能自主行动的系统。</descrip>
          <termSec><term>智能体</term></termSec>
          <termSec><term>代理</term></termSec>
        </langSec>
        <langSec xml:lang="zh-TW">
          <termSec><term>智慧代理人</term></termSec>
        </langSec>
        <langSec xml:lang="es">
          <termSec><term>agente</term></termSec>
        </langSec>
      </conceptEntry>
      <conceptEntry id="C2">
        <langSec xml:lang="zh">
          <termSec>
            <term>词元</term>
            <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote>
          </termSec>
          <termSec>
            <term>令牌</term>
            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          </termSec>
        </langSec>
        <langSec xml:lang="en">
          <termSec><term>token</term><termNote type="termType">fullForm</termNote></termSec>
          <termSec><term>TOK</term><termNote type="termType">abbreviation</termNote></termSec>
        </langSec>
      </conceptEntry>
    </body>
  </text>
</tbx>
"""

# TBX 2008 with ntig/termGrp, as TBX-Default files have it.
FOREIGN_2008 = """\
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">
<martif type="TBX" xml:lang="zh-Hans">
  <martifHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></martifHeader>
  <text><body>
    <termEntry id="t-1">
      <langSet xml:lang="zh-Hans">
        <ntig>
          <termGrp>
            <term>尺度定律</term>
            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
          </termGrp>
        </ntig>
      </langSet>
      <langSet xml:lang="en">
        <tig><term>Scaling Law</term></tig>
        <tig><term>scaling laws</term><termNote type="termType">variant</termNote></tig>
      </langSet>
    </termEntry>
  </body></text>
</martif>
"""


def entries(path: Path) -> list[dict[str, Any]]:
    loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(loaded, list)
    return loaded


def imported(tmp_path: Path, name: str, content: str | bytes) -> tuple[list[dict[str, Any]], Any]:
    source = tmp_path / name
    if isinstance(content, str):
        source.write_text(content, encoding="utf-8")
    else:
        source.write_bytes(content)
    target = tmp_path / "imported.yaml"
    result = import_termbase(str(source), str(target))
    load_terms([str(target)])  # what `glossary check` runs
    return entries(target), result


def problem_of(tmp_path: Path, name: str, content: str | bytes) -> str:
    with pytest.raises(GlossaryError) as caught:
        imported(tmp_path, name, content)
    assert not (tmp_path / "imported.yaml").exists()
    return str(caught.value)


# -- files from other tools -------------------------------------------------------------


def test_a_foreign_tbx_basic_file(tmp_path: Path) -> None:
    found, result = imported(tmp_path, "tool.tbx", FOREIGN_TBX)
    assert found == [
        {
            "id": "c1",
            "zh": "智能体",
            "en": "agent",
            "zh_hant": "智慧代理人",
            "renderings": {"代理": "admitted", "software agent": "deprecated"},
            "category": "Machine learning",
            "definition": {"zh": "能自主行动的系统。", "en": "A system that acts\non its own."},
            "related": ["c2"],
            "note": "software agent: Older usage.",
        },
        {
            "id": "c2",
            "zh": "词元",
            "en": "token",
            "abbr": ["TOK"],
            "renderings": {"令牌": "deprecated"},
        },
    ]
    assert result.count == 2
    warnings = "\n".join(result.warnings)
    assert "1 × context sentences" in warnings
    assert "1 × language sections in other languages (es)" in warnings
    assert "<termNote type='partOfSpeech'>" in warnings
    assert "<xref type='xGraphic'>" in warnings
    assert "<transac type='transactionType'>" in warnings


def test_a_tbx_2008_file_with_term_groups(tmp_path: Path) -> None:
    found, _ = imported(tmp_path, "old.xml", FOREIGN_2008)
    assert found == [
        {"id": "t-1", "zh": "尺度定律", "en": "Scaling Law", "aliases": ["scaling laws"]}
    ]


def test_a_csv_with_a_byte_order_mark_quotes_commas_and_line_breaks(tmp_path: Path) -> None:
    content = (
        "\ufeff中文,English,description,notes\r\n"
        '智能体,"AI agent","Acts on its own, ""autonomously""",\r\n'
        '"词元","token","","line one\nline two & <more> 🤖"\r\n'
        "\r\n"
        '智能體,"agent, traditional",,\r\n'
    )
    found, _ = imported(tmp_path, "terms.csv", content)
    assert found == [
        {
            "id": "ai-agent",
            "zh": "智能体",
            "en": "AI agent",
            "note": 'definition: Acts on its own, "autonomously"',
        },
        {"id": "token", "zh": "词元", "en": "token", "note": "line one\nline two & <more> 🤖"},
    ]  # 智能體 is 智能体 in Traditional characters: the same entry, skipped


def test_duplicates_are_skipped_or_demoted_with_warnings(tmp_path: Path) -> None:
    content = "zh,en\n智能体,agent\n智能體,AI agent\n代理,Agent\n"
    found, result = imported(tmp_path, "dup.csv", content)
    assert found == [
        {"id": "agent", "zh": "智能体", "en": "agent"},
        {"id": "agent-2", "zh": "代理", "aliases": ["Agent"]},
    ]
    assert result.warnings == (
        "line 3: skipped entry ai-agent: its Chinese term '智能體' is already entry agent's "
        "(line 2); merge the two by hand",
        "line 4: entry agent-2: its English term 'Agent' is already entry agent's (line 2); "
        "kept as an alias",
    )


def test_a_bilingual_csv_from_english(tmp_path: Path) -> None:
    content = (
        "source,target,developer_comments,translator_comments\n"
        "agent,智能体,Acts alone.,自主行动的系统。\nTOKEN,词元,,\n"
    )
    found, _ = imported(tmp_path, "weblate.csv", content)
    assert found == [
        {
            "id": "agent",
            "zh": "智能体",
            "en": "agent",
            "definition": {"zh": "自主行动的系统。", "en": "Acts alone."},
        },
        {"id": "token", "zh": "词元", "en": "TOKEN"},
    ]


def test_a_tsv_with_a_plain_header_keeps_quotes(tmp_path: Path) -> None:
    content = 'zh\ten\tcomment\n"智能体"\t"AI" agent\tsays "hi", twice\n'
    found, _ = imported(tmp_path, "omegat.tab", content)
    assert found == [
        {"id": "ai-agent", "zh": '"智能体"', "en": '"AI" agent', "note": 'says "hi", twice'}
    ]


def test_an_xlsx_workbook(tmp_path: Path) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Chinese", "English", "Aliases", "Forbidden renderings", "Category"])
    sheet.append(["智能体", "AI agent", "Agent\n智能代理", "代理人", "应用"])
    sheet.append([None, None, None, None, None])
    sheet.append(["数推分离", None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    found, _ = imported(tmp_path, "book.xlsx", buffer.getvalue())
    assert found == [
        {
            "id": "ai-agent",
            "zh": "智能体",
            "en": "AI agent",
            "aliases": ["智能代理", "Agent"],
            "renderings": {"代理人": "forbidden"},
            "category": "应用",
        },
        {"id": "shu-tui-fen-li", "zh": "数推分离"},
    ]


def test_the_format_is_told_by_extension_or_content() -> None:
    assert detect_format("a.TBX", b"") == "tbx"
    assert detect_format("a.utf8", b"") == "tsv"
    assert detect_format("glossary", b"\xef\xbb\xbf <martif>") == "tbx"
    assert detect_format("glossary", b"PK\x03\x04...") == "xlsx"
    assert detect_format("glossary", b"zh\ten\n") == "tsv"
    assert detect_format("glossary", b"zh,en\n") == "csv"


# -- errors ---------------------------------------------------------------------------------


def test_malformed_xml_names_its_line(tmp_path: Path) -> None:
    broken = FOREIGN_2008.replace("<term>Scaling Law</term>", "<term>Scaling & Law</term>")
    message = problem_of(tmp_path, "broken.tbx", broken)
    line = FOREIGN_2008.splitlines().index("        <tig><term>Scaling Law</term></tig>") + 1
    assert message.startswith(f"{tmp_path / 'broken.tbx'}:{line}: malformed XML: not well-formed")
    assert "fix the markup there" in message


def test_a_file_that_is_not_tbx(tmp_path: Path) -> None:
    message = problem_of(tmp_path, "x.xml", "<?xml version='1.0'?>\n<html><body/></html>")
    assert message.endswith(
        "x.xml:2: not a TBX file: the root element is <html>; expected <tbx> (TBX 2019) or "
        "<martif> (TBX 2008)"
    )


def test_dct_style_tbx_is_refused(tmp_path: Path) -> None:
    message = problem_of(tmp_path, "dct.tbx", FOREIGN_TBX.replace('style="dca"', 'style="dct"'))
    assert "DCT-style TBX is not supported" in message


def test_unknown_columns_are_named_with_the_line(tmp_path: Path) -> None:
    message = problem_of(tmp_path, "bad.csv", "zh,en,colour,weight\n智能体,agent,red,1\n")
    lines = message.splitlines()
    assert lines[0].startswith(f"{tmp_path / 'bad.csv'}:1: unknown column 'colour'")
    assert lines[1].startswith(f"{tmp_path / 'bad.csv'}:1: unknown column 'weight'")
    assert "zh-Hans" in lines[0]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        (
            "no-en.tbx",
            FOREIGN_2008.replace('xml:lang="en"', 'xml:lang="fr"'),
            ":3: no English terms in the file",
        ),
        ("no-zh.csv", "english,notes\nagent,x\n", ":1: no Chinese column"),
        ("no-en.csv", "中文\n智能体\n", ":1: no English column"),
        ("no-en.txt", "# zh-Hans\tcomment\n智能体\tx\n", ":1: no English column"),
    ],
)
def test_a_missing_language_is_an_error(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    assert expected in problem_of(tmp_path, name, content)


def test_an_entry_without_chinese_names_its_line(tmp_path: Path) -> None:
    content = FOREIGN_TBX.replace('<langSec xml:lang="zh">', '<langSec xml:lang="ja">')
    message = problem_of(tmp_path, "half.tbx", content)
    line = FOREIGN_TBX.splitlines().index('      <conceptEntry id="C2">') + 1
    assert (
        message
        == f"{tmp_path / 'half.tbx'}:{line}: entry C2 has no Chinese term; add one or leave the entry out"
    )


def test_row_values_that_are_not_understood_name_their_line(tmp_path: Path) -> None:
    content = (
        "id,zh-Hans,en,status,forbidden,term_type\n"
        "a,智能体,agent,preferred,false,fullForm\n"
        "a,代理,,banned,false,variant\n"
        "a,代理人,,,maybe,variant\n"
        "b,,token,admitted,false,synonym\n"
        "c,,,deprecated,false,variant\n"
    )
    lines = problem_of(tmp_path, "rows.csv", content).splitlines()
    where = str(tmp_path / "rows.csv")
    assert lines == [
        f"{where}:3: unknown status 'banned'; use preferred, admitted, deprecated or forbidden",
        f"{where}:4: unknown forbidden value 'maybe'; use true or false",
        f"{where}:5: unknown term_type 'synonym'; use fullForm, acronym, abbreviation, "
        "shortForm, variant or phrase",
        f"{where}:6: entry c has no row with its preferred terms (status preferred or empty); "
        "add one, or give the rows an id column that ties them to one",
    ]


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    source = tmp_path / "tool.tbx"
    source.write_text(FOREIGN_TBX, encoding="utf-8")
    target = tmp_path / "mine.yaml"
    target.write_text("# my own terms\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="already exists and is never overwritten"):
        import_termbase(str(source), str(target))
    assert target.read_text(encoding="utf-8") == "# my own terms\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml", "tool.tbx"]


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no such file"):
        import_termbase(str(tmp_path / "nope.tbx"), str(tmp_path / "out.yaml"))


def test_termbase_errors_list_every_problem() -> None:
    error = TermbaseError("f.csv", [(1, "a"), (0, "b")])
    assert str(error) == "f.csv:1: a\nf.csv: b"


# -- the command line --------------------------------------------------------------------------


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=ENV,
        timeout=120,
        check=False,
    )


def test_glossary_import_then_check(tmp_path: Path) -> None:
    (tmp_path / "tool.tbx").write_text(FOREIGN_TBX, encoding="utf-8")
    done = run("import", "tool.tbx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        "Imported 2 entries from tool.tbx into terms/imported.yaml; check it with "
        "`glossary check terms/imported.yaml`.\n"
    )
    assert "glossary: warning: tool.tbx: left out 1 × context sentences" in done.stderr
    checked = run("check", "terms/imported.yaml", cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout == "2 entries in 1 file: OK\n"
    again = run("import", "tool.tbx", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == (
        "glossary: error: terms/imported.yaml: already exists and is never overwritten; "
        "choose a new file with --to\n"
    )


def test_glossary_import_reports_malformed_xml_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "bad.tbx").write_text("<martif>\n<text>\n</martif>\n", encoding="utf-8")
    done = run("import", "bad.tbx", "--to", "out.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "glossary: error: bad.tbx:3: malformed XML: mismatched tag (column 3); fix the markup "
        "there\n"
    )
    assert not (tmp_path / "out.yaml").exists()


def test_glossary_import_with_an_explicit_format(tmp_path: Path) -> None:
    (tmp_path / "list").write_text("zh;en\n智能体;agent\n", encoding="utf-8")
    done = run("import", "list", "--format", "csv", "--to", "t.yaml", "--quiet", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert entries(tmp_path / "t.yaml") == [{"id": "agent", "zh": "智能体", "en": "agent"}]


def test_a_csv_written_by_translate_toolkit(tmp_path: Path) -> None:
    """Weblate's glossary CSV: translate-toolkit's full column set."""
    from translate.storage.csvl10n import csvfile, csvunit

    store = csvfile()
    unit = csvunit("智能体")
    unit.target = "AI agent"
    unit.context = "agent"
    unit.developer_comments = "能自主行动的系统。"
    unit.translator_comments = "A system that acts, on its own."
    store.addunit(unit)
    buffer = io.BytesIO()
    store.serialize(buffer)
    found, _ = imported(tmp_path, "weblate.csv", buffer.getvalue())
    assert found == [
        {
            "id": "agent",
            "zh": "智能体",
            "en": "AI agent",
            "definition": {"zh": "能自主行动的系统。", "en": "A system that acts, on its own."},
        }
    ]


def test_values_outside_the_named_columns_are_errors(tmp_path: Path) -> None:
    message = problem_of(tmp_path, "wide.csv", "zh,en,\n智能体,agent,lost\n词元,token\n")
    assert message == (
        f"{tmp_path / 'wide.csv'}:2: 1 value(s) in columns the header row does not name; "
        "name the columns or remove the values"
    )
