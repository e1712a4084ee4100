"""The ``glossary`` command line.

Each command parses its options, calls one library function and formats the result. This is
the one place that turns a :class:`~glossary.errors.GlossaryError` into a message and an exit
status; heavy libraries are imported inside the commands, never at start-up.

Exit status: 0 success; 1 nothing could be done (no readable document, an unwritable
output); 2 a usage error (unknown option, bad value).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

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
    help="Write at most N sentences per entry; counts stay true.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Keep entries whose score (0 to 1, as written) is at least this.",
)
@click.option("--quiet", "-q", is_flag=True, help="Do not report skipped files or a summary.")
def extract(  # noqa: PLR0917 - one parameter per option, as click passes them
    paths: tuple[str, ...],
    output_format: str,
    output: str | None,
    encoding: str | None,
    max_contexts: int | None,
    min_score: float,
    quiet: bool,
) -> None:
    """Extract terms and zh↔en pairs, with the sentences they were used in, from PATH...

    PATH is a file or a directory (read recursively for .txt and .md). Encodings are detected
    (UTF-8 with or without BOM, UTF-16 with BOM, GB18030/GBK); files that cannot be read are
    reported on stderr and skipped.
    """
    from glossary.errors import GlossaryError
    from glossary.output import WRITERS, write_atomically
    from glossary.pipeline import ExtractOptions
    from glossary.pipeline import extract as run_extract
    from glossary.scoring import ScoringOptions

    def report(skipped: Skipped) -> None:
        if not quiet:
            click.echo(f"glossary: skipped {skipped.path}: {skipped.reason}", err=True)

    options = ExtractOptions(encoding=encoding, scoring=ScoringOptions(min_score=min_score))
    try:
        result = run_extract(list(paths), options, on_skip=report)
        if not result.documents:
            _fail("no readable document in the given paths; nothing to extract")
        writer = WRITERS[output_format]
        if output:
            with write_atomically(output) as handle:
                writer(result.entries, handle, max_contexts)
        else:
            writer(result.entries, sys.stdout, max_contexts)
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
            + (f"; written to {output}" if output else ""),
            err=True,
        )


def _silence_stdout() -> None:
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _fail(message: str) -> None:
    click.echo(f"glossary: error: {message}", err=True)
    sys.exit(EXIT_FAILURE)
