"""The ``glossary`` command line.

Each command parses its options, calls one library function and formats the result. This is
the one place that turns a :class:`~glossary.errors.GlossaryError` into a message and an exit
status; heavy libraries are imported inside the commands, never at start-up.

Exit status: 0 success; 1 nothing could be done (no readable document, an unwritable
output); 2 a usage error (unknown option, bad value).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from glossary.limits import CONTEXTS_PER_ENTRY

if TYPE_CHECKING:
    from glossary.corpus import Skipped

EXIT_FAILURE = 1


def _check_encoding(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    """Reject an unknown --encoding before any file is read."""
    if value is None:
        return None
    import codecs

    try:
        info = codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r}; try utf-8 or gb18030") from None
    if not info._is_text_encoding:  # base64, rot13, …
        raise click.BadParameter(f"{value!r} is not a text encoding; try utf-8 or gb18030")
    return value


def _check_output(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is not None and not value.strip():
        raise click.BadParameter("give a file name, or leave the option out to print")
    return value


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="glossary")
def main() -> None:
    """Turn Chinese technical writing with English mixed in into a bilingual glossary."""


def engine_options(function: Callable[..., None]) -> Callable[..., None]:
    """--workers, --cache, --engine and --scheduler: where and how the per-document work runs."""
    options = [
        click.option(
            "--workers",
            type=click.IntRange(min=1),
            metavar="N",
            help="Processes reading the corpus [default: one per core, up to 2, for "
            "more than 8 files or 400 KB of text; else 1].",
        ),
        click.option(
            "--cache",
            metavar="FILE",
            help="Keep per-document and per-chunk results and the last result in this "
            "SQLite file: an unchanged corpus is not read again, a new file is read alone.",
        ),
        click.option(
            "--engine",
            type=click.Choice(["local", "dask"]),
            default="local",
            show_default=True,
            help="Run the per-document work here or on a Dask cluster (needs the dask extra).",
        ),
        click.option(
            "--scheduler",
            metavar="ADDRESS",
            help="The Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask).",
        ),
    ]
    for option in reversed(options):
        function = option(function)
    return function


def _engine(workers: int | None, cache: str | None, engine: str, scheduler: str | None) -> Any:
    from glossary.engine import EngineOptions

    if engine == "dask" and not scheduler:
        raise click.UsageError("--engine dask needs --scheduler ADDRESS")
    if scheduler and engine != "dask":  # else it would be ignored, and the run local
        raise click.UsageError("--scheduler is for --engine dask: add --engine dask")
    return EngineOptions(
        workers=workers or 0, cache=cache, scheduler=scheduler if engine == "dask" else None
    )


def _progress(quiet: bool) -> Callable[[float, int], None] | None:
    """A one-line progress report on a terminal; nothing when quiet or not a terminal."""
    if quiet or not sys.stderr.isatty():
        return None
    return _report_progress


def _report_progress(done: float, total: int) -> None:
    """Documents read of all, when there are many, and how far a large one being read is;
    the line is written over, and ended once every document is read."""
    whole = int(done)
    if total < 20 and done == whole and whole != total:
        return  # a few documents: they take no time each
    line = f"glossary: {whole}/{total} documents"
    if done != whole:
        line += f", {done - whole:.0%} of the next"
    # \x1b[K clears what a longer line before left
    click.echo(f"\r{line}\x1b[K", err=True, nl=whole == total, color=True)


@main.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "jsonl", "tsv"]),
    default="table",
    show_default=True,
    help="table for people, jsonl (one entry per line, best first) or tsv.",
)
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    callback=_check_output,
    help="Write to FILE (atomically) instead of stdout.",
)
@click.option(
    "--encoding",
    metavar="NAME",
    callback=_check_encoding,
    help="Read every file in this encoding (e.g. gb18030) instead of detecting it.",
)
@click.option(
    "--max-contexts",
    type=click.IntRange(min=0),
    metavar="N",
    help="Write at most N sentences per entry; counts stay true. Extraction then keeps "
    f"at most max(N, {CONTEXTS_PER_ENTRY}) per term. Without it JSONL holds every sentence "
    f"(past the first {CONTEXTS_PER_ENTRY} of each term, they wait in a temporary file); the "
    "table and TSV show one.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Keep entries whose score (0 to 1, as written) is at least this.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not report skipped files or a summary.")
@engine_options
def extract(  # noqa: PLR0917 - one parameter per option, as click passes them
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    encoding: str | None,
    max_contexts: int | None,
    min_score: float,
    quiet: bool,
    workers: int | None,
    cache: str | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Extract terms and zh↔en pairs, with the sentences they were used in, from PATH...

    PATH is a file or a directory (read recursively for .txt and .md). Encodings are detected
    (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK); files that cannot be read are
    reported on stderr and skipped.
    """
    import time

    from glossary.errors import GlossaryError
    from glossary.output import WRITERS, write_atomically
    from glossary.pipeline import ExtractOptions
    from glossary.pipeline import extract as run_extract
    from glossary.scoring import ScoringOptions
    from glossary.usage import cost

    started = time.perf_counter()

    def report(skipped: Skipped) -> None:
        if not quiet:
            click.echo(f"glossary: skipped {skipped.path}: {skipped.reason}", err=True)

    # Only what is written need be kept, and a few more: the type rules read the words after
    # each kept sentence's term (see CONTEXTS_PER_ENTRY). The table and TSV write one; JSONL
    # without a cap writes every one, and those past the first few of each term wait in a
    # temporary file, not in memory.
    writes_all = max_contexts is None and output_format == "jsonl"
    kept = None if writes_all else max(max_contexts or 0, CONTEXTS_PER_ENTRY)
    options = ExtractOptions(
        encoding=encoding,
        max_contexts=kept,
        scoring=ScoringOptions(min_score=min_score),
        spill_contexts=writes_all,
    )
    try:
        result = run_extract(
            list(paths),
            options,
            on_skip=report,
            engine=_engine(workers, cache, engine, scheduler),
            progress=_progress(quiet),
        )
        if not result.documents:
            _fail("no readable document in the given paths; nothing to extract")
        writer = WRITERS[output_format]
        if output:
            with write_atomically(output) as handle:
                writer(result.full_entries(), handle, max_contexts)
        else:
            writer(result.full_entries(), sys.stdout, max_contexts)
            sys.stdout.flush()
    except GlossaryError as error:
        _fail(str(error))
    except BrokenPipeError:
        # The reader went away (| head): stop quietly, as other filters do.
        _silence_stdout()
        sys.exit(EXIT_FAILURE)
    except OSError as error:
        _fail(f"cannot write the output: {error.strerror or error}")
    if not quiet:
        pairs = sum(1 for e in result.entries if e.zh and e.en)
        click.echo(
            f"glossary: {len(result.entries)} entries ({pairs} zh↔en pairs) from "
            f"{len(result.documents)} documents"
            + (f", {len(result.skipped)} skipped" if result.skipped else "")
            + f" {cost(time.perf_counter() - started)}"
            + (f"; written to {output}" if output else ""),
            err=True,
        )


@main.command("eval")
@click.argument("corpus", nargs=-1, required=True, metavar="CORPUS...")
@click.option(
    "--gold",
    "gold",
    required=True,
    metavar="DIR",
    help="Gold folder: NAME.gold.tsv per document, pairs.tsv, as in tests/gold/.",
)
@click.option(
    "--show",
    type=click.IntRange(min=0),
    default=10,
    show_default=True,
    help="Misses and false positives to list per document.",
)
@click.option(
    "--results",
    metavar="FILE",
    help="Also write the numbers as JSON to FILE (e.g. the versioned eval results).",
)
def evaluate_command(corpus: tuple[str, ...], gold: str, show: int, results: str | None) -> None:
    """Extract CORPUS and score it against hand-annotated gold terms and pairs.

    Prints precision, recall and F1 for terms and pairs, overall and per document, the type
    accuracy, and per document the missed terms and the false positives with a sentence.
    """
    from glossary.errors import GlossaryError
    from glossary.evaluate import evaluate, evaluation_record, format_evaluation
    from glossary.output import write_atomically
    from glossary.pipeline import extract as run_extract

    folder = Path(gold)
    if not folder.is_dir() or not any(folder.glob("*.gold.tsv")):
        _fail(f"{gold}: no *.gold.tsv files here; give the gold folder")
    try:
        extraction = run_extract(list(corpus))
        evaluation = evaluate(extraction.entries, folder)
        click.echo(format_evaluation(evaluation, show))
        if results:
            import json

            with write_atomically(results) as handle:
                json.dump(evaluation_record(evaluation), handle, ensure_ascii=False, indent=2)
                handle.write("\n")
    except GlossaryError as error:
        _fail(str(error))


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str) -> None:
    click.echo(f"glossary: error: {message}", err=True)
    sys.exit(EXIT_FAILURE)


DEFAULT_GLOSSARY = "build/glossary.sqlite"
glossary_option = click.option(
    "--glossary",
    "database",
    default=DEFAULT_GLOSSARY,
    show_default=True,
    metavar="PATH",
    help="The glossary database that `glossary build` writes.",
)


@main.command()
@click.option(
    "--corpus",
    "corpus",
    multiple=True,
    default=("seeds",),
    show_default=True,
    metavar="PATH",
    help="Corpus file or directory (repeatable).",
)
@click.option(
    "--terms",
    "terms",
    multiple=True,
    default=("terms",),
    show_default=True,
    metavar="PATH",
    help="Curated terms file or directory (repeatable).",
)
@glossary_option
@click.option(
    "--encoding",
    metavar="NAME",
    callback=_check_encoding,
    help="Read every corpus file in this encoding instead of detecting it.",
)
@click.option(
    "--report-size",
    type=click.IntRange(min=0),
    default=15,
    show_default=True,
    help="How many uncurated candidates to list in the report.",
)
@click.option(
    "--site/--no-site",
    default=True,
    show_default=True,
    help="Publish the glossary as a static site with MkDocs.",
)
@click.option(
    "--config",
    "config",
    metavar="FILE",
    help="The MkDocs configuration; its docs_dir receives the generated pages "
    "[default: mkdocs.yml, when it exists].",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only problems.")
@engine_options
def build(  # noqa: PLR0917 - one parameter per option, as click passes them
    corpus: tuple[str, ...],
    terms: tuple[str, ...],
    database: str,
    encoding: str | None,
    report_size: int,
    site: bool,
    config: str | None,
    quiet: bool,
    workers: int | None,
    cache: str | None,
    engine: str,
    scheduler: str | None,
) -> None:
    """Build the glossary: extract the corpus, merge the curated terms, store the result.

    The glossary is an SQLite database (default build/glossary.sqlite) that `glossary
    lookup` and `glossary candidates` read. The report lists curated entries the corpus
    never uses, discouraged renderings the corpus does use, and the best uncurated terms.
    """
    import time

    from glossary.build import build_glossary
    from glossary.errors import GlossaryError
    from glossary.pipeline import ExtractOptions
    from glossary.site import site_paths
    from glossary.usage import cost

    started = time.perf_counter()

    def report_skip(skipped: Skipped) -> None:
        click.echo(f"glossary: skipped {skipped.path}: {skipped.reason}", err=True)

    try:
        if config is None and not Path("mkdocs.yml").is_file():
            site = False  # no site configured here: build the glossary alone
        paths = site_paths(config or "mkdocs.yml") if site else None
        result = build_glossary(
            list(corpus),
            list(terms),
            database,
            ExtractOptions(encoding=encoding),
            on_skip=report_skip,
            site=paths,
            engine=_engine(workers, cache, engine, scheduler),
            progress=_progress(quiet),
        )
    except GlossaryError as error:
        _fail(str(error))
    glossary = result.glossary
    if not glossary.documents:
        _fail("no readable document in the corpus; nothing was built")
    if quiet:
        return
    curated = sum(1 for e in glossary.entries if e.curated)
    pairs = sum(1 for e in glossary.entries if e.zh and e.en)
    click.echo(
        f"Built {database}: {len(glossary.entries)} entries ({curated} curated, {pairs} with "
        f"zh and en) from {len(glossary.documents)} documents "
        f"{cost(time.perf_counter() - started)}."
    )
    if paths is not None:
        click.echo(f"Site: {paths.site}/index.html (pages generated under {paths.docs})")
    report = glossary.report
    if result.warnings:
        click.echo(f"\nUnfinished curated entries ({len(result.warnings)}):")
        for warning in result.warnings:
            click.echo(f"  {warning}")
    if report.unused:
        click.echo(f"\nCurated entries the corpus never uses ({len(report.unused)}):")
        for loaded in report.unused:
            click.echo(
                f"  {loaded.term.id}  {loaded.term.zh} / {loaded.term.en or '—'}  "
                f"({loaded.path}:{loaded.line})"
            )
    if report.discouraged:
        click.echo(f"\nDiscouraged renderings in the corpus ({len(report.discouraged)}):")
        for use in report.discouraged:
            c = use.context
            click.echo(
                f"  {use.rendering} ({use.status}; use {use.preferred}) "
                f"{c.source}:{c.line}: {c.sentence}"
            )
    if report.candidates and report_size:
        click.echo(f"\nBest uncurated candidates (of {len(glossary.entries) - curated}):")
        for entry in report.candidates[:report_size]:
            click.echo(
                f"  {_entry_label(entry.zh, entry.en)}  ×{entry.count} in "
                f"{entry.doc_count} docs  [{entry.id}]"
            )


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _entry_label(zh: str | None, en: str | None) -> str:
    return " / ".join(x for x in (zh, en) if x)


@main.command()
@click.argument("paths", nargs=-1, metavar="[PATH]...")
def check(paths: tuple[str, ...]) -> None:
    """Check curated terms files (default: terms/) and report every problem at once.

    Each problem names the file, the line, the entry and the field, with how to fix it.
    Exit status 1 when there is any problem; unfinished entries are only warned about.
    """
    from glossary.terms import TermsFileError, load_terms, term_warnings, terms_files

    targets = list(paths) or ["terms"]
    files = terms_files(targets)
    try:
        loaded = load_terms(targets)
    except TermsFileError as error:
        click.echo(str(error), err=True)
        sys.exit(EXIT_FAILURE)
    for warning in term_warnings(loaded):
        click.echo(f"{warning} (warning)", err=True)
    click.echo(
        f"{_plural(len(loaded), 'entry', 'entries')} in {_plural(len(files), 'file', 'files')}: OK"
    )


@main.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the entries as JSON.")
@glossary_option
def lookup(query: str, as_json: bool, database: str) -> None:
    """Look up a term by Chinese (Simplified or Traditional), English, alias, abbreviation,
    pinyin (with or without tones and spaces) or a prefix of any of these.

    Exit status 0 when something was found, 1 when not (the closest entries are suggested).
    """
    from glossary.errors import GlossaryError
    from glossary.lookup import lookup as run_lookup
    from glossary.render import render_entry

    try:
        result = run_lookup(database, query)
    except GlossaryError as error:
        _fail(str(error))
    if as_json:
        import json

        payload = {
            "query": query,
            "match": result.match,
            "entries": list(result.entries),
            "suggestions": [
                {"id": e["id"], "zh": e["zh"], "en": e["en"]} for e in result.suggestions
            ],
        }
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
    elif result.entries:
        for index, entry in enumerate(result.entries):
            if index:
                click.echo()
            click.echo(render_entry(entry))
    else:
        click.echo(f"No entry for {query!r}.", err=True)
        if result.suggestions:
            names = ", ".join(f"{_entry_label(e['zh'], e['en'])}" for e in result.suggestions)
            click.echo(f"Did you mean: {names}?", err=True)
    if result.match == "none":
        sys.exit(EXIT_FAILURE)


@main.command()
@glossary_option
@click.option("--limit", type=click.IntRange(min=1), default=30, show_default=True)
def candidates(database: str, limit: int) -> None:
    """List the best uncurated terms of the built glossary with their evidence."""
    from glossary.errors import GlossaryError
    from glossary.lookup import best_contexts, open_glossary

    try:
        connection = open_glossary(database)
    except GlossaryError as error:
        _fail(str(error))
    with connection:
        rows = connection.execute(
            "SELECT id, zh, en, count, doc_count FROM entries WHERE curated = 0 "
            "ORDER BY rank LIMIT ?",
            (limit,),
        ).fetchall()
        for row in rows:
            contexts = [
                dict(c)
                for c in connection.execute(
                    "SELECT source, line, sentence FROM contexts WHERE entry_id = ?", (row["id"],)
                )
            ]
            click.echo(
                f"{_entry_label(row['zh'], row['en'])}  ×{row['count']} in "
                f"{row['doc_count']} docs  [{row['id']}]"
            )
            for context in best_contexts(contexts, 1):
                click.echo(f"    {context['sentence']}  ({context['source']}:{context['line']})")


@main.group()
def terms() -> None:
    """Edit curated terms files."""


@terms.command("add")
@click.argument("term")
@click.option(
    "--to",
    "target",
    required=True,
    metavar="FILE",
    help="The terms file to append the new entry to (created if missing).",
)
@glossary_option
def terms_add(term: str, target: str, database: str) -> None:
    """Append a stub entry for TERM, filled from the corpus evidence, to a terms file.

    Every existing byte of the file is kept; the file is replaced atomically.
    """
    from glossary.curate import add_term
    from glossary.errors import GlossaryError

    try:
        added = add_term(term, target, database)
    except GlossaryError as error:
        _fail(str(error))
    click.echo(f"Added entry {added.id!r} to {added.path}:\n{added.text}")


@main.command("export")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["tbx", "tsv", "csv", "xlsx"]),
    default="tbx",
    show_default=True,
    help="tbx (TBX-Basic), tsv (OmegaT), csv (memoQ, Phrase, Lokalise; Weblate), xlsx.",
)
@click.option(
    "--source",
    type=click.Choice(["zh", "en"]),
    default="zh",
    show_default=True,
    help="The source language: it comes first (TBX) or in the source column (TSV, CSV).",
)
@click.option(
    "--tbx-version",
    type=click.Choice(["2019", "2008"]),
    default="2019",
    show_default=True,
    help="2019: TBX-Basic of ISO 30042:2019; 2008: the older martif layout.",
)
@click.option(
    "--csv-style",
    type=click.Choice(["multilingual", "bilingual"]),
    default="multilingual",
    show_default=True,
    help="multilingual: a column per locale, a row per term; bilingual: source,target.",
)
@click.option("--curated-only", is_flag=True, help="Export curated entries only.")
@click.option(
    "--output",
    "-o",
    metavar="FILE",
    callback=_check_output,
    help="Write to FILE (atomically) instead of stdout.",
)
@glossary_option
def export_command(  # noqa: PLR0917 - one parameter per option, as click passes them
    output_format: str,
    source: str,
    tbx_version: str,
    csv_style: str,
    curated_only: bool,
    output: str | None,
    database: str,
) -> None:
    """Export the glossary as a term list for translators: TBX, TSV, CSV or XLSX.

    Every entry with both a Chinese and an English form is exported (curated entries and
    the pairs the text states), with its other renderings and their status, definitions,
    category and up to three sentences per term.
    """
    from typing import Literal, cast

    from glossary.errors import GlossaryError
    from glossary.export import ExportOptions, export_glossary

    options = ExportOptions(
        source=cast(Literal["zh", "en"], source),
        tbx_version=cast(Literal["2019", "2008"], tbx_version),
        csv_style=cast(Literal["multilingual", "bilingual"], csv_style),
    )
    if output is None and output_format == "xlsx" and sys.stdout.isatty():
        _fail("xlsx is a binary format; give --output FILE.xlsx (or redirect stdout)")
    try:
        data = export_glossary(database, output_format, options, curated_only=curated_only)
        if output:
            _write_bytes_atomically(output, data)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.flush()
    except GlossaryError as error:
        _fail(str(error))
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_FAILURE)
    except OSError as error:
        _fail(f"cannot write the output: {error.strerror or error}")


def _write_bytes_atomically(path: str, data: bytes) -> None:
    """Write ``data`` beside ``path`` and rename it into place, as write_atomically does
    (through its text handle's binary buffer: nothing is written as text)."""
    from glossary.output import write_atomically

    with write_atomically(path) as handle:
        handle.buffer.write(data)


@main.command("import")
@click.argument("file", metavar="FILE")
@click.option(
    "--to",
    "target",
    default="terms/imported.yaml",
    show_default=True,
    metavar="FILE",
    help="The new terms file to write; an existing file is never overwritten.",
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["auto", "tbx", "csv", "tsv", "xlsx"]),
    default="auto",
    show_default=True,
    help="auto: by the file's extension (.tbx, .csv, .tsv/.txt/.utf8, .xlsx) or content.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not list what had to be left out.")
def import_command(file: str, target: str, input_format: str, quiet: bool) -> None:
    """Import an existing termbase (TBX-Basic, TBX 2008, CSV/TSV with a header, XLSX) into
    a new terms file that `glossary check` accepts.

    Malformed XML, unknown columns or a missing language are reported with their line.
    """
    from glossary.errors import GlossaryError
    from glossary.export.importer import import_termbase

    try:
        imported = import_termbase(file, target, input_format)
    except GlossaryError as error:
        _fail(str(error))
    if not quiet:
        for warning in imported.warnings:
            click.echo(f"glossary: warning: {file}: {warning}", err=True)
    click.echo(
        f"Imported {_plural(imported.count, 'entry', 'entries')} from {file} into "
        f"{imported.path}; check it with `glossary check {imported.path}`."
    )
