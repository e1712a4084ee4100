"""``glossary export``: TBX-Basic (2019 and 2008), TSV, CSV (two styles) and XLSX.

Each format is checked against its rules: the TBX files against a table of what
TBX-Basic allows (structure, data categories, their levels and values), written here from
the TBX-Basic DCA schematron and the TBX core structure schema of LTAC-Global; the tables
against exact expected text. Every format makes the round trip export → import → export
without loss, and real consumers (translate-toolkit, used by Weblate and Pootle) read the
TBX 2008 file and the bilingual CSV with every term, language and definition in place.
"""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from export_fixture import TERMS, build, fixture_glossary

from glossary.export import DOWNLOADS, FORMATS, ExportOptions, export_bytes, write_downloads
from glossary.export.importer import import_termbase, read_termbase
from glossary.export.source import Concept, concepts_of
from glossary.merge import Glossary
from glossary.site import DOWNLOADS_DIR, _Pages

TBX_NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# -- what TBX-Basic allows ---------------------------------------------------------------
# Written from LTAC-Global/TBX_Core_RNG (TBXcoreStructV03.rng: which element may hold
# which) and LTAC-Global/TBX-Basic_dialect (DCA/TBX-Basic_DCA.sch: data categories, the
# levels they may appear at, and their values). The 2008 layout renames the levels.

AUX_INFO = {"admin", "adminGrp", "descrip", "descripGrp", "note", "ref", "transacGrp", "xref"}
CHILDREN = {
    "tbx": ["tbxHeader", "text"],
    "tbxHeader": ["fileDesc", "encodingDesc", "revisionDesc"],
    "fileDesc": ["publicationStmt", "titleStmt", "sourceDesc"],
    "titleStmt": ["title", "note"],
    "sourceDesc": ["p"],
    "encodingDesc": ["p"],
    "text": ["body", "back"],
    "body": ["conceptEntry"],
    "descripGrp": [
        "descrip",
        "admin",
        "adminGrp",
        "descripNote",
        "note",
        "ref",
        "transacGrp",
        "xref",
    ],
}
LEAVES = {"title", "p", "term", "termNote", "descrip", "admin", "note", "ref", "xref"}
# data category → (element, levels it may appear at, allowed values or None for any text)
DATA_CATEGORIES: dict[tuple[str, str], tuple[set[str], set[str] | None]] = {
    ("admin", "source"): ({"conceptEntry", "langSec", "termSec"}, None),
    ("admin", "customerSubset"): ({"conceptEntry", "termSec"}, None),
    ("admin", "projectSubset"): ({"conceptEntry", "termSec"}, None),
    ("descrip", "subjectField"): ({"conceptEntry"}, None),
    ("descrip", "definition"): ({"conceptEntry", "langSec"}, None),
    ("descrip", "context"): ({"termSec"}, None),
    ("ref", "crossReference"): ({"conceptEntry", "termSec"}, None),
    ("xref", "externalCrossReference"): ({"conceptEntry", "langSec", "termSec"}, None),
    ("xref", "xGraphic"): ({"conceptEntry", "langSec"}, None),
    ("termNote", "administrativeStatus"): (
        {"termSec"},
        {
            "preferredTerm-admn-sts",
            "admittedTerm-admn-sts",
            "deprecatedTerm-admn-sts",
            "supersededTerm-admn-sts",
        },
    ),
    ("termNote", "termType"): (
        {"termSec"},
        {"fullForm", "acronym", "abbreviation", "shortForm", "variant", "phrase"},
    ),
    ("termNote", "partOfSpeech"): ({"termSec"}, {"adjective", "noun", "other", "verb", "adverb"}),
    ("termNote", "grammaticalGender"): ({"termSec"}, {"masculine", "feminine", "neuter", "other"}),
    ("termNote", "geographicalUsage"): ({"termSec"}, None),
}
LEVEL_2008 = {"termEntry": "conceptEntry", "langSet": "langSec", "tig": "termSec"}


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def tbx_problems(data: bytes, version: str) -> list[str]:
    """Everything in a TBX file that TBX-Basic (DCA) does not allow; empty when valid."""
    problems: list[str] = []
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>')
    data.decode("utf-8")  # UTF-8 throughout
    root = ET.fromstring(data)
    parents = {child: parent for parent in root.iter() for child in parent}
    ids = [e.get("id") for e in root.iter() if local(e.tag) in ("conceptEntry", "termEntry")]
    if len(ids) != len(set(ids)):
        problems.append("entry ids are not unique")
    for entry_id in ids:
        if not entry_id or not (entry_id[0].isalpha() or entry_id[0] == "_"):
            problems.append(f"entry id {entry_id!r} is not an XML name")
    if version == "2019":
        if root.tag != f"{{{TBX_NAMESPACE}}}tbx":
            problems.append(f"root is {root.tag}")
        if root.get("type") != "TBX-Basic" or root.get("style") != "dca" or not root.get(XML_LANG):
            problems.append("root needs type=TBX-Basic, style=dca and xml:lang")
        for element in root.iter():
            if not element.tag.startswith(f"{{{TBX_NAMESPACE}}}"):
                problems.append(f"{element.tag} is outside the TBX namespace (DCT style)")
    elif root.tag != "martif" or root.get("type") != "TBX-Basic" or not root.get(XML_LANG):
        problems.append("root needs to be <martif type='TBX-Basic' xml:lang=…>")
    for element in root.iter():
        name = local(element.tag)
        level_name = LEVEL_2008.get(name, name) if version == "2008" else name
        kids = [local(c.tag) for c in element]
        kids = [LEVEL_2008.get(k, k) if version == "2008" else k for k in kids]
        problems.extend(_structure(level_name, kids, element))
        kind = element.get("type")
        if name in ("admin", "descrip", "termNote", "ref", "xref", "transac", "transacNote"):
            if not kind:
                problems.append(f"<{name}> has no data category")
                continue
            rule = DATA_CATEGORIES.get((name, kind))
            if rule is None:
                problems.append(f"<{name} type={kind!r}> is not a TBX-Basic data category")
                continue
            levels, values = rule
            level = _level(element, parents, version)
            if level not in levels:
                problems.append(f"<{name} type={kind!r}> at level {level}")
            if values is not None and (element.text or "") not in values:
                problems.append(f"<{name} type={kind!r}> has the value {element.text!r}")
            if name == "ref" and element.get("target") not in ids:
                problems.append(f"crossReference to {element.get('target')!r}, not an entry id")
        if name in LEAVES and len(element):
            problems.append(f"<{name}> holds elements")
        if name in ("langSec", "langSet") and not element.get(XML_LANG):
            problems.append(f"<{name}> without xml:lang")
    return problems


def _structure(name: str, kids: list[str], element: ET.Element) -> Iterator[str]:
    if name in CHILDREN:
        for kid in kids:
            if kid not in CHILDREN[name]:
                yield f"<{kid}> inside <{name}>"
    order = {
        "conceptEntry": [AUX_INFO, {"langSec"}],
        "langSec": [AUX_INFO, {"termSec"}],
        "termSec": [{"term"}, {"termNote", "termNoteGrp"}, AUX_INFO],
    }.get(name)
    if order is None:
        return
    position = 0
    for kid in kids:
        while position < len(order) and kid not in order[position]:
            position += 1
        if position == len(order):
            yield f"<{kid}> out of order or not allowed inside <{name}>"
            return
    required = {"conceptEntry": "langSec", "langSec": "termSec", "termSec": "term"}[name]
    if required not in kids:
        yield f"<{name}> without <{required}>"
    if name == "termSec" and kids[:1] != ["term"]:
        yield "<termSec> does not start with its <term>"
    if name == "conceptEntry" and not element.get("id"):
        yield "<conceptEntry> without id"


def _level(element: ET.Element, parents: dict[ET.Element, ET.Element], version: str) -> str:
    parent = parents[element]
    if local(parent.tag).endswith("Grp"):
        parent = parents[parent]
    name = local(parent.tag)
    return LEVEL_2008.get(name, name) if version == "2008" else name


# -- fixtures -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def glossary(tmp_path_factory: pytest.TempPathFactory) -> Glossary:
    return fixture_glossary(tmp_path_factory.mktemp("terms"))


@pytest.fixture(scope="module")
def concepts(glossary: Glossary) -> tuple[Concept, ...]:
    return concepts_of(glossary.entries, glossary.documents)


VARIANTS = [
    pytest.param("tbx", ExportOptions(tbx_version="2019"), ".tbx", id="tbx2019"),
    pytest.param("tbx", ExportOptions(tbx_version="2008"), ".tbx", id="tbx2008"),
    pytest.param("tbx", ExportOptions(tbx_version="2019", source="en"), ".tbx", id="tbx2019-en"),
    pytest.param("tsv", ExportOptions(source="zh"), ".txt", id="tsv-zh-en"),
    pytest.param("tsv", ExportOptions(source="en"), ".utf8", id="tsv-en-zh"),
    pytest.param("csv", ExportOptions(csv_style="multilingual"), ".csv", id="csv-multilingual"),
    pytest.param("csv", ExportOptions(csv_style="bilingual"), ".csv", id="csv-bilingual"),
    pytest.param(
        "csv", ExportOptions(csv_style="bilingual", source="en"), ".csv", id="csv-bilingual-en"
    ),
    pytest.param("xlsx", ExportOptions(), ".xlsx", id="xlsx"),
]


# -- what is exported ---------------------------------------------------------------------


def test_entries_with_both_languages_are_exported_sorted_by_id(
    concepts: tuple[Concept, ...],
) -> None:
    assert [c.id for c in concepts] == [
        "3d-parallelism",
        "agent",
        "post-training",
        "quoted-pair",
        "token",
    ]


def test_curated_only_leaves_out_the_pairs_the_text_states(glossary: Glossary) -> None:
    curated = concepts_of(glossary.entries, glossary.documents, curated_only=True)
    assert "post-training" not in [c.id for c in curated]
    assert len(curated) == 4


def test_terms_carry_their_status_type_and_at_most_three_sentences(
    concepts: tuple[Concept, ...],
) -> None:
    agent = next(c for c in concepts if c.id == "agent")
    table = [(t.locale, t.text, t.term_type, t.status, len(t.examples)) for t in agent.terms]
    assert table == [
        ("zh-Hans", "智能体", "fullForm", "preferred", 3),
        ("zh-Hans", "代理", "variant", "admitted", 0),
        ("zh-Hans", "智慧体", "variant", "deprecated", 0),
        ("zh-Hans", "代理人", "variant", "forbidden", 1),
        ("zh-Hans", "智能代理", "variant", None, 0),
        ("zh-Hant", "智能體", "fullForm", "preferred", 1),
        ("en", "AI agent", "fullForm", "preferred", 1),
        ("en", "autonomous agent", "variant", "admitted", 0),
        ("en", "AGT", "acronym", "admitted", 0),
        ("en", "Agent", "variant", None, 0),
    ]
    traditional = next(t for t in agent.terms if t.locale == "zh-Hant")
    assert traditional.examples[0].sentence == "智能體可以自主規劃任務。"
    assert traditional.examples[0].source == "智能體專題, corpus/tw.txt:3"


# -- TBX ------------------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["2019", "2008"])
def test_tbx_follows_the_tbx_basic_rules(concepts: tuple[Concept, ...], version: str) -> None:
    data = export_bytes(concepts, "tbx", ExportOptions(tbx_version=version))  # type: ignore[arg-type]
    assert tbx_problems(data, version) == []


def test_the_rule_check_catches_what_tbx_basic_forbids() -> None:
    """The checker itself: each broken file is caught."""
    good = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="{TBX_NAMESPACE}">'
        "<tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>"
        '<text><body><conceptEntry id="c1">{entry}<langSec xml:lang="en"><termSec>'
        "<term>t</term>{term}</termSec></langSec></conceptEntry></body></text></tbx>"
    )

    def problems(entry: str = "", term: str = "") -> list[str]:
        return tbx_problems(good.format(entry=entry, term=term).encode(), "2019")

    assert problems() == []
    assert problems(term='<termNote type="administrativeStatus">forbidden</termNote>')
    assert problems(term='<termNote type="termType">synonym</termNote>')
    assert problems(entry='<descrip type="context">c</descrip>')
    assert problems(entry='<termNote type="termType">fullForm</termNote>')
    assert problems(term='<descrip type="note">n</descrip>')
    assert problems(entry='<ref type="crossReference" target="nowhere">x</ref>')
    assert problems(
        term='<descripGrp><descrip type="context">c</descrip></descripGrp><term>u</term>'
    )


def test_tbx_2019_structure_and_values(concepts: tuple[Concept, ...]) -> None:
    root = ET.fromstring(export_bytes(concepts, "tbx", ExportOptions()))
    ns = {"t": TBX_NAMESPACE}
    entry = root.find(".//t:conceptEntry[@id='agent']", ns)
    assert entry is not None
    assert [s.get(XML_LANG) for s in entry.findall("t:langSec", ns)] == ["zh-Hans", "en", "zh-Hant"]
    assert entry.findtext("t:descrip[@type='subjectField']", namespaces=ns) == '应用 & "产品" <AI>'
    assert entry.find("t:ref", ns).get("target") == "token"  # type: ignore[union-attr]
    assert root.find(".//t:conceptEntry[@id='_3d-parallelism']", ns) is not None
    definition = entry.find("t:langSec/t:descripGrp/t:descrip[@type='definition']", ns)
    assert definition is not None
    assert "🤖" in (definition.text or "")
    forbidden = next(
        s
        for s in entry.iter(f"{{{TBX_NAMESPACE}}}termSec")
        if s.findtext("t:term", namespaces=ns) == "代理人"
    )
    assert forbidden.findtext("t:termNote[@type='administrativeStatus']", namespaces=ns) == (
        "deprecatedTerm-admn-sts"
    )
    assert forbidden.findtext("t:note", namespaces=ns) == "forbidden: never use this term (禁用)"
    contexts = [
        (g.findtext("t:descrip", namespaces=ns), g.findtext("t:admin", namespaces=ns))
        for g in forbidden.findall("t:descripGrp", ns)
    ]
    assert contexts == [
        (
            "也有人把它叫作代理人，这并不准确。",
            'Agents & <Tokens>: "2025" 🤖 (2025-03-02), corpus/news.txt:7',
        )
    ]
    note = entry.findtext("t:note", namespaces=ns)
    assert note == 'First line, with a comma\nSecond line: "quoted" <tag> & 智能體 🤖'


def test_tbx_2008_has_the_martif_layout(concepts: tuple[Concept, ...]) -> None:
    data = export_bytes(concepts, "tbx", ExportOptions(tbx_version="2008"))
    root = ET.fromstring(data)
    assert root.tag == "martif"
    assert root.find("martifHeader/encodingDesc/p").text == "TBXBasicXCSV02.xcs"  # type: ignore[union-attr]
    entry = root.find("text/body/termEntry[@id='agent']")
    assert entry is not None
    assert [len(s.findall("tig")) for s in entry.findall("langSet")] == [5, 4, 1]


def test_exact_tbx_of_one_entry() -> None:
    from glossary.export.source import Example, TermForm

    concept = Concept(
        id="x-1",
        terms=(
            TermForm(
                "甲&乙", "zh-Hans", "preferred", "preferred", (Example("用 <甲&乙>。", "a.txt:2"),)
            ),
            TermForm("A & B", "en", "preferred", "preferred"),
            TermForm("A<B", "en", "rendering", "forbidden"),
        ),
        definition_zh='定义 "x"',
        definition_en="Def,\r\nnew line",
        category="C",
    )
    data = export_bytes([concept], "tbx", ExportOptions(tbx_version="2008", title="T"))
    assert data.decode() == (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<martif type="TBX-Basic" xml:lang="zh-Hans">\n'
        "  <martifHeader>\n"
        "    <fileDesc>\n"
        "      <titleStmt>\n"
        "        <title>T</title>\n"
        "      </titleStmt>\n"
        "      <sourceDesc>\n"
        "        <p>Exported by `glossary export` from a zh↔en glossary.</p>\n"
        "      </sourceDesc>\n"
        "    </fileDesc>\n"
        "    <encodingDesc>\n"
        '      <p type="XCSURI">TBXBasicXCSV02.xcs</p>\n'
        "    </encodingDesc>\n"
        "  </martifHeader>\n"
        "  <text>\n"
        "    <body>\n"
        '      <termEntry id="x-1">\n'
        '        <descrip type="subjectField">C</descrip>\n'
        '        <langSet xml:lang="zh-Hans">\n'
        "          <descripGrp>\n"
        '            <descrip type="definition">定义 "x"</descrip>\n'
        '            <admin type="source">T</admin>\n'
        "          </descripGrp>\n"
        "          <tig>\n"
        "            <term>甲&amp;乙</term>\n"
        '            <termNote type="termType">fullForm</termNote>\n'
        '            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n'
        "            <descripGrp>\n"
        '              <descrip type="context">用 &lt;甲&amp;乙&gt;。</descrip>\n'
        '              <admin type="source">a.txt:2</admin>\n'
        "            </descripGrp>\n"
        "          </tig>\n"
        "        </langSet>\n"
        '        <langSet xml:lang="en">\n'
        "          <descripGrp>\n"
        '            <descrip type="definition">Def,&#13;\nnew line</descrip>\n'
        '            <admin type="source">T</admin>\n'
        "          </descripGrp>\n"
        "          <tig>\n"
        "            <term>A &amp; B</term>\n"
        '            <termNote type="termType">fullForm</termNote>\n'
        '            <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>\n'
        "          </tig>\n"
        "          <tig>\n"
        "            <term>A&lt;B</term>\n"
        '            <termNote type="termType">variant</termNote>\n'
        '            <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>\n'
        "            <note>forbidden: never use this term (禁用)</note>\n"
        "          </tig>\n"
        "        </langSet>\n"
        "      </termEntry>\n"
        "    </body>\n"
        "  </text>\n"
        "</martif>\n"
    )
    assert ET.fromstring(data).find(".//descrip[@type='definition']") is not None


def test_an_empty_export_is_still_valid_tbx() -> None:
    assert tbx_problems(export_bytes([], "tbx", ExportOptions()), "2019") == []
    assert tbx_problems(export_bytes([], "tbx", ExportOptions(tbx_version="2008")), "2008") == []


# -- tables -----------------------------------------------------------------------------------


def test_exact_tsv_both_directions(concepts: tuple[Concept, ...]) -> None:
    header = "# Glossary in tab-separated format -*- coding: utf-8 -*-\n"
    assert export_bytes(concepts, "tsv", ExportOptions(source="zh")).decode() == (
        header + "# zh-Hans\ten\tcomment\n"
        "三维并行\t3D parallelism\n"
        "后训练\tpost-training\n"
        "智能体\tAI agent\tA system that perceives, plans and calls tools, e.g. "
        '"book a flight, compare & pay" <auto> 🤖.\n'
        '模型，数据\tdata, model "quoted"\ttab here, line break\n'
        '词元\ttoken\tThe smallest unit of text, e.g. "tok", a model reads & writes.\n'
    )
    assert export_bytes(concepts, "tsv", ExportOptions(source="en")).decode() == (
        header + "# en\tzh-Hans\tcomment\n"
        "3D parallelism\t三维并行\n"
        "AI agent\t智能体\t能感知环境、规划并调用工具完成任务的系统，例如“订机票，比价 & 付款”<自动>🤖。\n"
        'data, model "quoted"\t模型，数据\ttab here, line break\n'
        "post-training\t后训练\n"
        'token\t词元\t模型读写文本的最小单位，如 "tok"。\n'
    )


def test_tsv_lines_have_at_most_three_fields_and_no_line_breaks(
    concepts: tuple[Concept, ...],
) -> None:
    text = export_bytes(concepts, "tsv", ExportOptions()).decode()
    data = [line for line in text.split("\n") if line and not line.startswith("#")]
    assert len(data) == 5
    assert all(2 <= len(line.split("\t")) <= 3 for line in data)


def test_exact_bilingual_csv(concepts: tuple[Concept, ...]) -> None:
    assert export_bytes(concepts, "csv", ExportOptions(csv_style="bilingual")).decode() == (
        '"context","source","target","developer_comments","translator_comments"\r\n'
        '"3d-parallelism","三维并行","3D parallelism","",""\r\n'
        '"agent","智能体","AI agent",'
        '"能感知环境、规划并调用工具完成任务的系统，例如“订机票，比价 & 付款”<自动>🤖。",'
        '"A system that perceives, plans\nand calls tools, e.g. ""book a flight, compare & '
        'pay"" <auto> 🤖."\r\n'
        '"post-training","后训练","post-training","",""\r\n'
        '"quoted-pair","模型，数据","data, model ""quoted""","",""\r\n'
        '"token","词元","token","模型读写文本的最小单位，如 ""tok""。",'
        '"The smallest unit of text, e.g. ""tok"", a model reads & writes."\r\n'
    )


def test_exact_multilingual_csv(concepts: tuple[Concept, ...]) -> None:
    text = export_bytes(concepts, "csv", ExportOptions()).decode()
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows[0] == [
        "zh-Hans",
        "zh-Hant",
        "en",
        "definition_zh-Hans",
        "definition_en",
        "status",
        "forbidden",
        "term_type",
        "subject_field",
        "note",
        "id",
    ]
    agent = [row for row in rows if row[-1] == "agent"]
    subject = '应用 & "产品" <AI>'
    assert [row[:3] + row[5:] for row in agent] == [
        ["智能体", "智能體", "AI agent", "preferred", "false", "fullForm", subject,
         'First line, with a comma\nSecond line: "quoted" <tag> & 智能體 🤖', "agent"],
        ["代理", "", "", "admitted", "false", "variant", subject, "", "agent"],
        ["智慧体", "", "", "deprecated", "false", "variant", subject, "", "agent"],
        ["代理人", "", "", "forbidden", "true", "variant", subject, "", "agent"],
        ["智能代理", "", "", "", "false", "variant", subject, "", "agent"],
        ["", "", "autonomous agent", "admitted", "false", "variant", subject, "", "agent"],
        ["", "", "AGT", "admitted", "false", "acronym", subject, "", "agent"],
        ["", "", "Agent", "", "false", "variant", subject, "", "agent"],
    ]  # fmt: skip
    assert agent[0][4].startswith("A system that perceives, plans\nand calls tools")
    assert text.splitlines()[1] == (
        '"三维并行","三維並行式","3D parallelism","","","preferred","false","fullForm","","",'
        '"3d-parallelism"'
    )
    assert len(rows) == 1 + 1 + 8 + 2 + 1 + 3


def test_xlsx_has_a_frozen_header_and_a_row_per_concept(concepts: tuple[Concept, ...]) -> None:
    from openpyxl import load_workbook

    data = export_bytes(concepts, "xlsx", ExportOptions())
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet.freeze_panes == "A2"
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert rows[0][:5] == ["zh-Hans", "zh-Hant", "en", "definition_zh-Hans", "definition_en"]
    assert sheet["A1"].font.bold
    assert len(rows) == 1 + len(concepts)
    agent = dict(zip(rows[0], next(r for r in rows if r[-1] == "agent"), strict=True))
    assert agent["zh-Hant"] == "智能體"
    assert agent["deprecated renderings"] == "智慧体"
    assert agent["forbidden renderings"] == "代理人"
    assert agent["admitted renderings"] == "代理\nautonomous agent"
    assert agent["note"] == 'First line, with a comma\nSecond line: "quoted" <tag> & 智能體 🤖'


def test_xlsx_cells_are_text_even_when_they_look_like_formulas() -> None:
    from openpyxl import load_workbook

    from glossary.export.source import TermForm

    concept = Concept("f", (TermForm("=1+1", "zh-Hans", "preferred", "preferred"),
                            TermForm("@x", "en", "preferred", "preferred")))  # fmt: skip
    sheet = load_workbook(io.BytesIO(export_bytes([concept], "xlsx"))).active
    assert sheet["A2"].value == "=1+1"
    assert sheet["A2"].data_type == "s"


def test_the_same_glossary_gives_the_same_bytes(concepts: tuple[Concept, ...]) -> None:
    for fmt, options in [("xlsx", ExportOptions()), ("tbx", ExportOptions())]:
        first = export_bytes(concepts, fmt, options)
        assert export_bytes(concepts, fmt, options) == first
    with zipfile.ZipFile(io.BytesIO(export_bytes(concepts, "xlsx"))) as workbook:
        assert {i.date_time for i in workbook.infolist()} == {(2000, 1, 1, 0, 0, 0)}


# -- round trips ---------------------------------------------------------------------------


@pytest.mark.parametrize(("fmt", "options", "suffix"), VARIANTS)
def test_export_import_export_is_lossless(
    glossary: Glossary, tmp_path: Path, fmt: str, options: ExportOptions, suffix: str
) -> None:
    """Export, import into a terms file, build with the same corpus evidence, export again:
    the same bytes."""
    first = export_bytes(concepts_of(glossary.entries, glossary.documents), fmt, options)
    exported = tmp_path / f"glossary{suffix}"
    exported.write_bytes(first)
    imported = tmp_path / "imported.yaml"
    import_termbase(str(exported), str(imported))
    rebuilt = build(imported)
    assert export_bytes(concepts_of(rebuilt.entries, rebuilt.documents), fmt, options) == first


@pytest.mark.parametrize(
    ("fmt", "options", "suffix"),
    [v for v in VARIANTS if v.id in ("tbx2019", "tbx2008", "csv-multilingual", "xlsx")],
)
def test_full_formats_read_back_every_term_and_fact(
    concepts: tuple[Concept, ...], tmp_path: Path, fmt: str, options: ExportOptions, suffix: str
) -> None:
    path = tmp_path / f"glossary{suffix}"
    path.write_bytes(export_bytes(concepts, fmt, options))
    read = [c for c, _ in read_termbase(str(path)).concepts]

    def comparable(concept: Concept) -> Concept:
        bare = concept.without_examples()
        keep_links = fmt == "tbx"
        return Concept(
            bare.id,
            tuple(sorted(bare.terms, key=lambda t: (t.locale, t.kind, t.text))),
            bare.definition_zh,
            bare.definition_en,
            bare.category,
            bare.note,
            bare.references if keep_links else (),
            tuple(bare.related) if keep_links else (),
        )

    assert [comparable(c) for c in read] == [comparable(c) for c in concepts]


# -- real consumers --------------------------------------------------------------------------


def test_translate_toolkit_reads_the_tbx_2008_export(concepts: tuple[Concept, ...]) -> None:
    from translate.storage.tbx import tbxfile

    store = tbxfile.parsestring(export_bytes(concepts, "tbx", ExportOptions(tbx_version="2008")))
    units = {unit.getid(): unit for unit in store.units}
    assert sorted(units) == sorted(c.id if c.id[0].isalpha() else f"_{c.id}" for c in concepts)
    for concept in concepts:
        unit = units[concept.id if concept.id[0].isalpha() else f"_{concept.id}"]
        assert unit.source == concept.preferred("zh-Hans")
        assert unit.target == concept.preferred("en")
        for locale in ("zh-Hans", "zh-Hant", "en"):
            assert [t.text for t in unit.get_target_terms(locale)] == [
                t.text for t in concept.in_locale(locale)
            ]
        notes = [n.text for n in unit.get_common_notes(source=True)]
        notes += [n.text for n in unit.get_common_notes(source=False)]
        for definition in (concept.definition_zh, concept.definition_en):
            if definition:
                assert definition in notes
    agent = units["agent"]
    statuses = {t.text: t.administrative_status for t in agent.get_target_terms("zh-Hans")}
    assert statuses["智能体"] == "preferredTerm-admn-sts"
    assert statuses["代理人"] == "deprecatedTerm-admn-sts"
    assert next(t for t in agent.get_target_terms("zh-Hans") if t.text == "代理人").deprecated


def test_translate_toolkit_reads_the_bilingual_csv(concepts: tuple[Concept, ...]) -> None:
    from translate.storage.csvl10n import csvfile

    data = export_bytes(concepts, "csv", ExportOptions(csv_style="bilingual"))
    store = csvfile(io.BytesIO(data))
    units = {unit.context: unit for unit in store.units}
    assert sorted(units) == sorted(c.id for c in concepts)
    for concept in concepts:
        unit = units[concept.id]
        assert unit.source == concept.preferred("zh-Hans")
        assert unit.target == concept.preferred("en")
        assert unit.developer_comments == (concept.definition_zh or "")
        assert unit.translator_comments == (concept.definition_en or "")


# -- the site's downloads --------------------------------------------------------------------


def test_every_export_is_a_download_linked_from_the_home_page(
    glossary: Glossary, tmp_path: Path
) -> None:
    written = write_downloads(glossary, tmp_path / DOWNLOADS_DIR)
    assert sorted(p.name for p in written) == sorted(d.filename for d in DOWNLOADS)
    assert {d.format for d in DOWNLOADS} == set(FORMATS)
    assert {d.options.tbx_version for d in DOWNLOADS if d.format == "tbx"} == {"2019", "2008"}
    assert {d.options.source for d in DOWNLOADS if d.format == "tsv"} == {"zh", "en"}
    assert {d.options.csv_style for d in DOWNLOADS if d.format == "csv"} == {
        "multilingual",
        "bilingual",
    }
    home = _Pages(glossary).home()
    assert "## 下载 · Downloads {#downloads}" in home
    for download in DOWNLOADS:
        assert f"]({DOWNLOADS_DIR}/{download.filename})" in home


# -- the command line ------------------------------------------------------------------------

CORPUS = """\
大模型的新术语
2025-03-02
智能体(AI agent)是大模型落地的新形态,智能体可以自主规划任务。
很多公司都在开发智能体,智能体的应用越来越多。
大模型按 Token(词元)计费,每个词元都要算力。
"""
ENV = {**os.environ, "PYTHONIOENCODING": "utf-8"}


def glossary_command(*args: str, cwd: Path) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "glossary", *args],
        cwd=cwd,
        capture_output=True,
        env=ENV,
        timeout=180,
        check=False,
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("cli")
    (work / "corpus").mkdir()
    (work / "corpus" / "news.txt").write_text(CORPUS, encoding="utf-8")
    (work / "terms").mkdir()
    (work / "terms" / "terms.yaml").write_text(TERMS, encoding="utf-8")
    done = glossary_command(
        "build", "--quiet", "--no-site", "--corpus", "corpus", "--terms", "terms", cwd=work
    )
    assert done.returncode == 0, done.stderr.decode()
    return work


@pytest.mark.parametrize(("fmt", "options", "suffix"), VARIANTS)
def test_glossary_export_writes_each_format(
    built: Path, fmt: str, options: ExportOptions, suffix: str
) -> None:
    name = f"out-{fmt}-{options.tbx_version}-{options.csv_style}-{options.source}{suffix}"
    done = glossary_command(
        "export",
        "--format",
        fmt,
        "--source",
        options.source,
        "--tbx-version",
        options.tbx_version,
        "--csv-style",
        options.csv_style,
        "--output",
        name,
        cwd=built,
    )
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout == done.stderr == b""
    data = (built / name).read_bytes()
    if fmt == "tbx":
        assert tbx_problems(data, options.tbx_version) == []
    imported = glossary_command("import", name, "--to", f"{name}.yaml", cwd=built)
    assert imported.returncode == 0, imported.stderr.decode()
    assert b"Imported 4 entries" in imported.stdout
    checked = glossary_command("check", f"{name}.yaml", cwd=built)
    assert checked.returncode == 0, checked.stderr.decode()


def test_glossary_export_prints_text_formats_and_curated_only_filters(built: Path) -> None:
    everything = glossary_command("export", "--format", "tsv", cwd=built)
    curated = glossary_command("export", "--format", "tsv", "--curated-only", cwd=built)
    assert everything.returncode == curated.returncode == 0
    assert "智能体\tAI agent" in curated.stdout.decode()
    assert len(curated.stdout.splitlines()) <= len(everything.stdout.splitlines())


def test_glossary_export_without_a_glossary_says_how_to_get_one(tmp_path: Path) -> None:
    done = glossary_command("export", cwd=tmp_path)
    assert done.returncode == 1
    assert b"run `glossary build` first" in done.stderr


def test_the_store_gives_back_the_glossary_it_was_given(glossary: Glossary, tmp_path: Path) -> None:
    """``glossary export`` reads the built glossary from SQLite; it reads what was written."""
    from glossary.store import load_glossary, write_glossary

    path = tmp_path / "glossary.sqlite"
    write_glossary(glossary, str(path), taiwan=lambda text: text)
    stored = load_glossary(str(path))
    assert stored.entries == glossary.entries
    assert stored.documents == glossary.documents
