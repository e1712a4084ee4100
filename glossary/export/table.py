"""Term lists as tables: TSV for OmegaT, CSV in two styles, XLSX; and reading them back.

* **TSV** (OmegaT's glossary format): ``source<TAB>target<TAB>comment``, one line per
  preferred pair, UTF-8, ``#`` lines are comments (the second names the columns). The
  comment is the target-language definition (else the other one, else the note); tabs and
  line breaks in a field become spaces, as the format cannot hold them.
* **CSV, multilingual** (memoQ, Phrase, Lokalise style): a header, one column per locale,
  one row per term. A concept's first row holds its preferred terms, definitions, subject
  and note; each further term has a row of its own with the concept's ``id``, its
  ``status``, ``forbidden`` flag and ``term_type``.
* **CSV, bilingual** (translate-toolkit's CSV reader, so Weblate and Pootle):
  ``context,source,target,developer_comments,translator_comments`` — the entry id, the
  preferred pair, and the definitions in the source and the target language.
* **XLSX**: one row per concept, one column per locale, definitions, subject, and the other
  terms by status (one per line in a cell); the header row is frozen.

CSV files are UTF-8 without a byte order mark, every field quoted, lines ended by CRLF
(RFC 4180); line breaks inside a field stay inside its quotes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from glossary.errors import TermbaseError
from glossary.export.source import (
    LOCALES,
    Concept,
    ExportOptions,
    Kind,
    Locale,
    Reading,
    TermForm,
    locale_of,
)

OMEGAT_HEADER = "# Glossary in tab-separated format -*- coding: utf-8 -*-"
MULTILINGUAL_COLUMNS = (
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
)
BILINGUAL_COLUMNS = ("context", "source", "target", "developer_comments", "translator_comments")
XLSX_COLUMNS = (
    "zh-Hans",
    "zh-Hant",
    "en",
    "definition_zh-Hans",
    "definition_en",
    "subject_field",
    "abbreviations",
    "aliases",
    "admitted renderings",
    "deprecated renderings",
    "forbidden renderings",
    "note",
    "id",
)
XLSX_SHEET = "Glossary"
_FIXED_DATE = (2000, 1, 1, 0, 0, 0)  # zip member dates, so the same input gives the same bytes


# -- writing ----------------------------------------------------------------------------


def write_tsv(concepts: Sequence[Concept], options: ExportOptions) -> bytes:
    """One ``source<TAB>target<TAB>comment`` line per concept, sorted by the source term."""
    source, target = options.source_locale, options.target_locale
    rows = []
    for concept in concepts:
        first, second = concept.preferred(source), concept.preferred(target)
        if not first or not second:
            continue
        comment = concept.definition(target) or concept.definition(source) or concept.note or ""
        rows.append((_tsv_cell(first), _tsv_cell(second), _tsv_cell(comment)))
    rows.sort(key=lambda row: (row[0].casefold(), row[0], row[1]))
    lines = [OMEGAT_HEADER, f"# {source}\t{target}\tcomment"]
    for first, second, comment in rows:
        # OmegaT skips lines that start with #, and trims every field.
        cells = [" " + first if first.startswith("#") else first, second]
        lines.append("\t".join([*cells, comment] if comment else cells))
    return ("\n".join(lines) + "\n").encode("utf-8")


def _tsv_cell(text: str) -> str:
    return re.sub(r"\r\n|[\t\r\n]", " ", text).strip()


def write_csv(concepts: Sequence[Concept], options: ExportOptions) -> bytes:
    """The ``multilingual`` or ``bilingual`` CSV, as ``options.csv_style`` says."""
    if options.csv_style == "bilingual":
        return _csv([BILINGUAL_COLUMNS, *_bilingual_rows(concepts, options)])
    return _csv([MULTILINGUAL_COLUMNS, *_multilingual_rows(concepts)])


def _csv(rows: Sequence[Sequence[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _multilingual_rows(concepts: Sequence[Concept]) -> Iterator[tuple[str, ...]]:
    for concept in concepts:
        subject = concept.category or ""
        yield (
            concept.preferred("zh-Hans") or "",
            concept.preferred("zh-Hant") or "",
            concept.preferred("en") or "",
            concept.definition_zh or "",
            concept.definition_en or "",
            "preferred",
            "false",
            "fullForm",
            subject,
            concept.note or "",
            concept.id,
        )
        for term in concept.others():
            cells = {locale: term.text if term.locale == locale else "" for locale in LOCALES}
            yield (
                cells["zh-Hans"],
                cells["zh-Hant"],
                cells["en"],
                "",
                "",
                term.status or "",
                "true" if term.status == "forbidden" else "false",
                term.term_type,
                subject,
                "",
                concept.id,
            )


def _bilingual_rows(
    concepts: Sequence[Concept], options: ExportOptions
) -> Iterator[tuple[str, ...]]:
    source, target = options.source_locale, options.target_locale
    for concept in concepts:
        first, second = concept.preferred(source), concept.preferred(target)
        if first and second:
            yield (
                concept.id,
                first,
                second,
                concept.definition(source) or "",
                concept.definition(target) or "",
            )


def write_xlsx(concepts: Sequence[Concept], options: ExportOptions) -> bytes:
    """A workbook with one row per concept and a frozen, bold header row."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = XLSX_SHEET
    sheet.append(list(XLSX_COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for concept in concepts:
        sheet.append([_xlsx_cell(value) for value in _xlsx_row(concept)])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula, whatever it starts with
            cell.alignment = wrap
    for column, width in zip(
        "ABCDEFGHIJKLM", (18, 18, 24, 40, 40, 14, 14, 18, 18, 18, 18, 30, 20), strict=True
    ):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    workbook.properties.creator = "glossary export"
    workbook.properties.title = options.title
    fixed = _fixed_datetime()
    workbook.properties.created = fixed
    workbook.properties.modified = fixed
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _with_fixed_dates(buffer.getvalue())


def _xlsx_row(concept: Concept) -> list[str]:
    def joined(kind: Kind, status: str | None = None) -> str:
        return "\n".join(
            t.text
            for t in concept.others()
            if t.kind == kind and (status is None or t.status == status)
        )

    return [
        concept.preferred("zh-Hans") or "",
        concept.preferred("zh-Hant") or "",
        concept.preferred("en") or "",
        concept.definition_zh or "",
        concept.definition_en or "",
        concept.category or "",
        joined("abbreviation"),
        joined("alias"),
        joined("rendering", "admitted"),
        joined("rendering", "deprecated"),
        joined("rendering", "forbidden"),
        concept.note or "",
        concept.id,
    ]


def _xlsx_cell(value: str) -> str | None:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", value) or None


def _fixed_datetime() -> object:
    import datetime

    return datetime.datetime(*_FIXED_DATE)


def _with_fixed_dates(data: bytes) -> bytes:
    """The same zip with every member dated :data:`_FIXED_DATE`, so builds are repeatable."""
    import zipfile

    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=_FIXED_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>2000-01-01T00:00:00Z\g<2>",
                    content,
                )
            target.writestr(member, content)
    return out.getvalue()


# -- reading ----------------------------------------------------------------------------

# Header names (folded: lower case, spaces and underscores as hyphens) → the field they fill.
COLUMNS = {
    **dict.fromkeys(
        ("zh", "zh-hans", "zh-cn", "zh-sg", "chinese", "simplified-chinese", "中文", "简体中文"),
        "zh",
    ),
    **dict.fromkeys(
        ("zh-hant", "zh-tw", "zh-hk", "zh-mo", "traditional-chinese", "繁體中文", "繁体中文"),
        "zh_hant",
    ),
    **dict.fromkeys(("en", "en-us", "en-gb", "english", "英文", "英语"), "en"),
    **dict.fromkeys(
        ("definition-zh-hans", "definition-zh", "definition-zh-cn", "zh-definition", "中文定义"),
        "definition_zh",
    ),
    **dict.fromkeys(("definition-en", "en-definition", "english-definition"), "definition_en"),
    **dict.fromkeys(("definition", "description", "定义"), "definition"),
    **dict.fromkeys(("note", "notes", "comment", "comments", "备注"), "note"),
    **dict.fromkeys(("status", "administrative-status", "term-status"), "status"),
    "forbidden": "forbidden",
    **dict.fromkeys(("term-type", "termtype"), "term_type"),
    **dict.fromkeys(("subject-field", "subject", "domain", "category", "分类"), "subject"),
    **dict.fromkeys(("id", "concept-id", "entry-id", "context"), "id"),
    **dict.fromkeys(("abbreviations", "abbreviation", "abbr"), "abbreviations"),
    **dict.fromkeys(("aliases", "alias", "variants"), "aliases"),
    "admitted-renderings": "admitted",
    "deprecated-renderings": "deprecated",
    "forbidden-renderings": "forbidden_renderings",
    "source": "source",
    "target": "target",
    "developer-comments": "source_comment",
    "translator-comments": "target_comment",
    "location": "-",
    "fuzzy": "-",
}
_IGNORED = "-"
_FLAGS = {"true": True, "yes": True, "1": True, "x": True, "false": False, "no": False, "0": False}
_STATUS_VALUES = {
    "preferred": "preferred",
    "preferredterm-admn-sts": "preferred",
    "admitted": "admitted",
    "admittedterm-admn-sts": "admitted",
    "deprecated": "deprecated",
    "deprecatedterm-admn-sts": "deprecated",
    "superseded": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "forbidden": "forbidden",
}
_TERM_TYPES = {"fullform", "acronym", "abbreviation", "shortform", "variant", "phrase"}
_LIST_FIELDS: dict[str, tuple[Kind, str | None]] = {
    "abbreviations": ("abbreviation", "admitted"),
    "aliases": ("alias", None),
    "admitted": ("rendering", "admitted"),
    "deprecated": ("rendering", "deprecated"),
    "forbidden_renderings": ("rendering", "forbidden"),
}
_LOCALE_FIELDS: dict[str, Locale] = {"zh": "zh-Hans", "zh_hant": "zh-Hant", "en": "en"}


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    cells: dict[str, str]  # field → value, blank cells left out


def read_table(data: bytes, path: str, kind: str) -> Reading:
    """Concepts from a CSV, TSV or XLSX file with a header row."""
    if kind == "xlsx":
        header_line, header, body = _xlsx_rows(data, path)
    else:
        text = _decode(data, path)
        header_line, header, body = (
            _tsv_rows(text, path) if kind == "tsv" else _csv_rows(text, path)
        )
    fields = _fields(header, header_line, path)
    rows, problems = _rows(body, fields)
    if problems:
        raise TermbaseError(path, problems)
    if "source" in fields or "target" in fields:
        mapping = _bilingual_fields(rows, fields, header_line, path)
        rows = [_Row(r.line, {mapping.get(f, f): v for f, v in r.cells.items()}) for r in rows]
        fields = [mapping.get(f, f) for f in fields]
    _require_languages(fields, header_line, path)
    concepts, problems = _concepts(rows)
    if problems:
        raise TermbaseError(path, problems)
    if not concepts:
        raise TermbaseError(path, [(header_line, "no terms below the header; nothing to import")])
    return Reading(tuple(concepts))


def _decode(data: bytes, path: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TermbaseError(
            path, [(line, f"not UTF-8 (byte 0x{data[error.start]:02x}); save the file as UTF-8")]
        ) from None


Rows = tuple[int, list[str], list[tuple[int, list[str]]]]


def _csv_rows(text: str, path: str) -> Rows:
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise TermbaseError(path, [(reader.line_num, f"malformed CSV: {error}")]) from None
    if not records:
        raise TermbaseError(path, [(1, "the file is empty; a header row is needed")])
    (header_line, header), *body = records
    return header_line, header, body


def _tsv_rows(text: str, path: str) -> Rows:
    """OmegaT's layout: ``#`` lines are comments; the last one before the data, or else the
    first line, is the header."""
    header: tuple[int, list[str]] | None = None
    body: list[tuple[int, list[str]]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if not line.strip():
            continue
        if line.startswith("#"):
            cells = line[1:].strip().split("\t")
            if not body and all(_fold(c) in COLUMNS for c in cells):
                header = (number, cells)
            continue
        cells = line.split("\t")
        if header is None:
            header = (number, cells)
        else:
            body.append((number, cells))
    if header is None:
        raise TermbaseError(path, [(1, "no header row (such as zh-Hans<TAB>en<TAB>comment)")])
    return header[0], header[1], body


def _xlsx_rows(data: bytes, path: str) -> Rows:
    import zipfile

    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TermbaseError(path, [(0, f"not an XLSX workbook ({error})")]) from None
    sheet = workbook.worksheets[0]
    rows = [
        (number, ["" if v is None else str(v) for v in values])
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1)
    ]
    workbook.close()
    if not rows:
        raise TermbaseError(path, [(1, "the first sheet is empty; a header row is needed")])
    (header_line, header), *body = rows
    return header_line, header, body


def _fold(name: str) -> str:
    """A header name folded for comparison: ``Definition_zh-Hans`` → ``definition-zh-hans``."""
    return re.sub(r"[\s_]+", "-", name.strip().lower())


def _rows(
    body: list[tuple[int, list[str]]], fields: list[str]
) -> tuple[list[_Row], list[tuple[int, str]]]:
    """The non-empty rows as field → value; values under no named column are problems."""
    rows: list[_Row] = []
    problems: list[tuple[int, str]] = []
    for line, cells in body:
        unnamed = sum(
            1
            for index, value in enumerate(cells)
            if value.strip() and (index >= len(fields) or not fields[index])
        )
        if unnamed:
            problems.append(
                (
                    line,
                    f"{unnamed} value(s) in columns the header row does not name; name "
                    "the columns or remove the values",
                )
            )
        row = {f: v.strip() for f, v in zip(fields, cells, strict=False) if f not in ("", _IGNORED)}
        row = {f: v for f, v in row.items() if v}
        if row:
            rows.append(_Row(line, row))
    return rows, problems


def _fields(header: list[str], line: int, path: str) -> list[str]:
    """The field each header column fills (``""`` for a blank name, :data:`_IGNORED` for a
    column of translate-toolkit's that holds nothing for a glossary)."""
    folded = [_fold(name) for name in header]
    fields: list[str] = []
    problems: list[tuple[int, str]] = []
    for name, key in zip(header, folded, strict=True):
        field = COLUMNS.get(key)
        if key == "id" and "context" in folded:
            field = _IGNORED  # translate-toolkit's unit id; the context is the entry id
        if not name.strip():
            field = ""
        elif field is None:
            known = ", ".join(MULTILINGUAL_COLUMNS + BILINGUAL_COLUMNS[1:] + XLSX_COLUMNS[5:11])
            problems.append(
                (
                    line,
                    f"unknown column {name!r}; the first row names the columns, which "
                    f"include {known}",
                )
            )
        elif field != _IGNORED and field in fields:
            problems.append((line, f"column {name!r} appears twice; keep one"))
        fields.append(field or "")
    if problems:
        raise TermbaseError(path, problems)
    return fields


def _bilingual_fields(rows: list[_Row], fields: list[str], line: int, path: str) -> dict[str, str]:
    """What ``source``, ``target`` and their comments stand for: which column is Chinese is
    read off the terms (the one with more Han characters)."""
    from glossary.text import is_han

    if "source" not in fields or "target" not in fields:
        raise TermbaseError(path, [(line, "a bilingual file needs a source and a target column")])

    def chinese_share(field: str) -> float:
        values = [row.cells[field] for row in rows if field in row.cells]
        return sum(any(is_han(c) for c in v) for v in values) / max(len(values), 1)

    source_zh, target_zh = chinese_share("source"), chinese_share("target")
    if min(source_zh, target_zh) > 0.5:
        raise TermbaseError(
            path,
            [(line, "both the source and the target column hold Chinese; one must be English")],
        )
    if source_zh >= target_zh:
        return {
            "source": "zh",
            "target": "en",
            "source_comment": "definition_zh",
            "target_comment": "definition_en",
        }
    return {
        "source": "en",
        "target": "zh",
        "source_comment": "definition_en",
        "target_comment": "definition_zh",
    }


def _require_languages(fields: list[str], line: int, path: str) -> None:
    problems = []
    if "zh" not in fields:
        problems.append(
            (
                line,
                "no Chinese column (zh-Hans, zh, zh-CN, chinese, …); a terms file needs "
                "the Chinese term of every entry",
            )
        )
    if "en" not in fields:
        problems.append((line, "no English column (en, en-US, english, …); nothing to pair"))
    if problems:
        raise TermbaseError(path, problems)


def _concepts(rows: list[_Row]) -> tuple[list[tuple[Concept, int]], list[tuple[int, str]]]:
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.cells.get("id") or f"\0{row.line}", []).append(row)
    concepts: list[tuple[Concept, int]] = []
    problems: list[tuple[int, str]] = []
    for key, members in groups.items():
        entry_id = "" if key.startswith("\0") else key
        parsed = [(_row_kind(row), row) for row in members]
        problems.extend((row.line, kind) for kind, row in parsed if isinstance(kind, str))
        rows_ok = [(kind, row) for kind, row in parsed if not isinstance(kind, str)]
        main = next((row for kind, row in rows_ok if kind is None), None)
        if main is None:
            if rows_ok:
                problems.append(
                    (
                        members[0].line,
                        f"entry {entry_id or '(no id)'} has no row with its "
                        "preferred terms (status preferred or empty); add one, or give the "
                        "rows an id column that ties them to one",
                    )
                )
            continue
        others = [(kind or (None, None, False), row) for kind, row in rows_ok if row is not main]
        concept = _concept(entry_id, main, others)
        if not concept.preferred("zh-Hans"):
            problems.append(
                (main.line, f"entry {entry_id or '(no id)'} has no Chinese term; add one")
            )
            continue
        concepts.append((concept, main.line))
    return concepts, problems


_Kind = tuple[str | None, str | None, bool]  # (status, term type, forbidden)


def _row_kind(row: _Row) -> _Kind | str | None:
    """None for a concept's main row; (status, term type, forbidden) for a term row; a
    message for a row whose values are not understood."""
    status_text = row.cells.get("status", "").lower()
    status = _STATUS_VALUES.get(status_text) if status_text else None
    if status_text and status is None:
        return (
            f"unknown status {row.cells['status']!r}; use preferred, admitted, deprecated "
            "or forbidden"
        )
    flag_text = row.cells.get("forbidden", "").lower()
    if flag_text and flag_text not in _FLAGS:
        return f"unknown forbidden value {row.cells['forbidden']!r}; use true or false"
    forbidden = _FLAGS.get(flag_text, False)
    term_type = row.cells.get("term_type")
    if term_type and term_type.lower() not in _TERM_TYPES:
        return (
            f"unknown term_type {term_type!r}; use fullForm, acronym, abbreviation, "
            "shortForm, variant or phrase"
        )
    if (
        status in (None, "preferred")
        and not forbidden
        and (term_type or "fullform").lower()
        in (
            "fullform",
            "phrase",
        )
    ):
        return None
    return (status, term_type, forbidden)


def _concept(entry_id: str, main: _Row, others: list[tuple[_Kind, _Row]]) -> Concept:
    cells = main.cells
    terms: list[TermForm] = [
        TermForm(cells[field], locale, "preferred", "preferred")
        for field, locale in _LOCALE_FIELDS.items()
        if field in cells
    ]
    for field, (kind, status) in _LIST_FIELDS.items():
        for text in _split_list(cells.get(field, "")):
            terms.append(TermForm(text, locale_of(text), kind, status))
    for (status, term_type, forbidden), row in others:
        for field, locale in _LOCALE_FIELDS.items():
            if field in row.cells:
                terms.append(_term(row.cells[field], locale, status, term_type, forbidden))
    definitions = {
        "zh": cells.get("definition_zh"),
        "en": cells.get("definition_en"),
    }
    generic = cells.get("definition")
    if generic:
        language = "en" if locale_of(generic) == "en" else "zh"
        definitions[language] = definitions[language] or generic
    seen: set[tuple[str, str]] = set()
    unique = []
    for term in terms:
        if (term.locale, term.text) not in seen:
            seen.add((term.locale, term.text))
            unique.append(term)
    return Concept(
        id=entry_id,
        terms=tuple(sorted(unique, key=lambda t: LOCALES.index(t.locale))),
        definition_zh=definitions["zh"],
        definition_en=definitions["en"],
        category=cells.get("subject"),
        note=cells.get("note"),
    )


def _term(
    text: str, locale: Locale, status: str | None, term_type: str | None, forbidden: bool
) -> TermForm:
    kind_of_type = (term_type or "").lower()
    if kind_of_type in ("acronym", "abbreviation", "shortform"):
        return TermForm(text, locale, "abbreviation", "admitted")
    if forbidden:
        status = "forbidden"
    if status is None or locale == "zh-Hant":
        if kind_of_type == "variant" or locale == "zh-Hant":
            return TermForm(text, locale, "alias", None)
        status = "admitted"
    if status == "preferred":
        status = "admitted"  # a second preferred term: the first row holds the preferred ones
    return TermForm(text, locale, "rendering", status)


def _split_list(value: str) -> list[str]:
    return [item.strip() for item in value.split("\n") if item.strip()]
