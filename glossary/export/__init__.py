"""Term lists for translators: the glossary as TBX, TSV, CSV and XLSX, and the downloads
the site offers.

``FORMATS`` names every writer; each takes the concepts to export (see
:mod:`glossary.export.source`) and :class:`ExportOptions` and returns the file's bytes.
Reading termbases back is :mod:`glossary.export.importer`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from glossary.export.source import Concept, ExportOptions, concepts_of
from glossary.export.table import write_csv, write_tsv, write_xlsx
from glossary.export.tbx import write_tbx
from glossary.merge import Glossary

__all__ = ["DOWNLOADS", "FORMATS", "Download", "ExportOptions", "export_glossary"]

Writer = Callable[[Sequence[Concept], ExportOptions], bytes]

FORMATS: dict[str, Writer] = {
    "tbx": write_tbx,
    "tsv": write_tsv,
    "csv": write_csv,
    "xlsx": write_xlsx,
}


@dataclass(frozen=True, slots=True)
class Download:
    """One file the site offers: its name, how it is written, and who reads it."""

    filename: str
    format: str
    options: ExportOptions
    label: str
    readers: str


DOWNLOADS = (
    Download(
        "glossary-tbx-basic.tbx",
        "tbx",
        ExportOptions(tbx_version="2019"),
        "TBX-Basic (ISO 30042:2019)",
        "Trados MultiTerm, Phrase, memoQ and other termbase tools",
    ),
    Download(
        "glossary-tbx-2008.tbx",
        "tbx",
        ExportOptions(tbx_version="2008"),
        "TBX 2008 (martif)",
        "Weblate, translate-toolkit, OmegaT and older termbase tools",
    ),
    Download(
        "glossary-zh-en.txt",
        "tsv",
        ExportOptions(source="zh"),
        "TSV 中→英 zh→en",
        "OmegaT (project glossary folder)",
    ),
    Download(
        "glossary-en-zh.txt",
        "tsv",
        ExportOptions(source="en"),
        "TSV 英→中 en→zh",
        "OmegaT (project glossary folder)",
    ),
    Download(
        "glossary-multilingual.csv",
        "csv",
        ExportOptions(csv_style="multilingual"),
        "CSV, multilingual",
        "memoQ, Phrase, Lokalise (map the columns on import)",
    ),
    Download(
        "glossary-bilingual-zh-en.csv",
        "csv",
        ExportOptions(csv_style="bilingual"),
        "CSV, bilingual zh→en",
        "Weblate, Pootle (translate-toolkit's CSV)",
    ),
    Download(
        "glossary.xlsx",
        "xlsx",
        ExportOptions(),
        "XLSX",
        "Excel, LibreOffice, and tools that import spreadsheets",
    ),
)


def export_bytes(
    concepts: Sequence[Concept], fmt: str, options: ExportOptions | None = None
) -> bytes:
    """The concepts written in ``fmt`` (a key of :data:`FORMATS`)."""
    return FORMATS[fmt](concepts, options or ExportOptions())


def export_glossary(
    database: str,
    fmt: str,
    options: ExportOptions | None = None,
    *,
    curated_only: bool = False,
) -> bytes:
    """The built glossary at ``database`` written in ``fmt``."""
    from glossary.store import load_glossary

    glossary = load_glossary(database)
    concepts = concepts_of(glossary.entries, glossary.documents, curated_only=curated_only)
    return export_bytes(concepts, fmt, options)


def write_downloads(glossary: Glossary, directory: Path) -> list[Path]:
    """Write every file of :data:`DOWNLOADS` into ``directory`` (created if missing)."""
    concepts = concepts_of(glossary.entries, glossary.documents)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for download in DOWNLOADS:
        path = directory / download.filename
        path.write_bytes(export_bytes(concepts, download.format, download.options))
        written.append(path)
    return written
