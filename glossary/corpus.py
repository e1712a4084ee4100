"""Read corpus documents from the paths a user gives: discover files, decode them, find metadata.

The stage is lazy: :func:`iter_documents` reads one file at a time, so the corpus is never held
in memory as a whole. Every path or file that cannot be used becomes a :class:`Skipped` (or a
:class:`~glossary.errors.CorpusError` when a single file is read directly) whose reason says what
is wrong and how to fix it.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from glossary.errors import CorpusError
from glossary.models import Document

TEXT_SUFFIXES = (".txt", ".md")

# How many non-empty lines at the top of a text are searched for a title and a date.
HEAD_LINES = 15
# Titles longer than this are cut (the last kept character is replaced by "…").
MAX_TITLE_CHARS = 120
# Shortest line (after stripping) that can be a title.
MIN_TITLE_CHARS = 4

# How many characters of a GB18030-decoded text are sampled to see whether it is Chinese.
_SAMPLE_CHARS = 20_000
# Share of the sampled non-space characters that must be Chinese for GB18030 to be accepted.
_MIN_CHINESE_SHARE = 0.15
# Share of control characters in the sample above which a text is taken for binary data.
_MAX_CONTROL_SHARE = 0.1

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    # UTF-32 marks first: the UTF-32 LE mark starts with the UTF-16 LE mark.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters that do not occur in text (tab, line feed, vertical tab, form feed and
# carriage return do). C1 controls are included: they show up when binary data is decoded.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# Characters a correct GB18030 decoding of real text does not produce.
_BAD_GB_RE = re.compile("[\ue000-\uf8ff\ufffd]")
# Ideographs (CJK Ext. A, unified, compatibility), CJK symbols and punctuation, general
# punctuation (“” — …), the middle dot and full-width ASCII forms and signs.
_CHINESE_RE = re.compile(
    "[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\u2010-\u206f\u00b7"
    "\uff01-\uff5e\uffe0-\uffe6]"
)
_SPACE_RE = re.compile(r"\s")
_BLANK_RE = re.compile("[\\s\ufeff]*")

# 2023-12-27, 2023/12/27, 2023.12.27 (one separator used twice) or 2023年12月27日 (or 号).
_DATE_RE = re.compile(
    r"(?<!\d)(?P<y1>\d{4})(?P<sep>[-/.])(?P<m1>\d{1,2})(?P=sep)(?P<d1>\d{1,2})(?!\d)"
    r"|(?<!\d)(?P<y2>\d{4})\s*年\s*(?P<m2>\d{1,2})\s*月\s*(?P<d2>\d{1,2})\s*[日号]"
)
_MIN_YEAR = 1900
_MAX_YEAR = 2099

# YAML-ish front matter: a first line "---", key lines, a closing "---" (or "...") line.
_FRONT_MATTER_RE = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)(?:\r?\n)?^(?:---|\.\.\.)[ \t]*\r?$\n?",
    re.DOTALL | re.MULTILINE,
)
_FM_TITLE_RE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$", re.MULTILINE)
_FM_DATE_RE = re.compile(r"^date[ \t]*:[ \t]*(?P<value>.*?)[ \t]*\r?$", re.MULTILINE)
# A level-one ATX heading: "# Title" (optionally closed by "#"s).
_MD_H1_RE = re.compile(r"^#[ \t]+(?P<title>.+?)(?:[ \t]+#+)?[ \t]*$")
_MD_HEADING_MARK_RE = re.compile(r"^#{1,6}[ \t]+")

# A line starting with one of these is a list item or navigation, not a title.
_BULLETS = "•·‧∙●○◦▪▫■□◆◇►▸▶-*+>|"
# A line ending (before closing quotes/brackets) with one of these is a body sentence.
_SENTENCE_ENDS = ("。", ".", ";", ";")
_CLOSERS = "”’」』)）]】\"' \t"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A path or file that was left out of the corpus, and why."""

    path: str  # as given / as found
    reason: str  # one clear sentence saying what is wrong and how to fix it


# --------------------------------------------------------------------------- discovery


def _has_text_suffix(name: str) -> bool:
    return name.lower().endswith(TEXT_SUFFIXES)


def _walk(root: str, skipped: list[Skipped]) -> list[str] | None:
    """The .txt/.md files below ``root`` (hidden files and directories left out), sorted.

    Directories that cannot be listed are added to ``skipped``; None when ``root`` itself cannot.
    """
    root_failed = False

    def on_error(exc: OSError) -> None:
        nonlocal root_failed
        where = exc.filename if isinstance(exc.filename, str) else root
        root_failed = root_failed or where == root
        skipped.append(
            Skipped(where, f"cannot list directory ({exc.strerror or exc}); check its permissions")
        )

    found: list[list[str]] = []
    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        rel_dir = os.path.relpath(dirpath, root)
        parts = [] if rel_dir == os.curdir else rel_dir.split(os.sep)
        found.extend(
            [*parts, name]
            for name in filenames
            if not name.startswith(".") and _has_text_suffix(name)
        )
    if root_failed:
        return None
    found.sort()
    return [os.path.join(root, *parts) for parts in found]


def discover(paths: Sequence[str]) -> tuple[list[str], list[Skipped]]:
    """Expand files and directories into the list of files to read.

    * A directory is searched recursively for ``.txt`` and ``.md`` files (suffix compared without
      regard to case); hidden files and directories (name starting with ``.``, e.g. ``.git``)
      are left out and symbolic links to directories are not followed. The files of one
      directory come sorted by their path components. A directory without any such file becomes
      a :class:`Skipped`.
    * A file given explicitly is taken whatever its suffix.
    * A missing path (or a broken symbolic link, or something that is neither a regular file nor
      a directory) becomes a :class:`Skipped`.

    Paths keep the form the user gave: a file found below a directory is the directory joined
    with its relative path (``os.path.join``), never resolved. A file reached twice (given twice,
    or given and also found below a given directory) is listed once, at its first place.
    """
    files: list[str] = []
    skipped: list[Skipped] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            files.append(path)

    for path in paths:
        if os.path.isdir(path):
            below = _walk(path, skipped)
            if below is None:
                continue
            if not below:
                skipped.append(
                    Skipped(
                        path,
                        "directory has no .txt or .md files; "
                        "add some, or name the files to read explicitly",
                    )
                )
            for found in below:
                add(found)
        elif os.path.isfile(path):
            add(path)
        elif os.path.islink(path):
            skipped.append(
                Skipped(path, "broken symbolic link; point it at an existing file or remove it")
            )
        elif os.path.exists(path):
            skipped.append(
                Skipped(path, "not a regular file or a directory; give text files or directories")
            )
        else:
            skipped.append(Skipped(path, "no such file or directory; check the path"))
    return files, skipped


# --------------------------------------------------------------------------- decoding


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _line_of(data: bytes, offset: int, encoding: str) -> int:
    """1-based line number (after newline normalisation) of byte ``offset`` in ``data``."""
    prefix = data[:offset].decode(encoding, errors="replace")
    return _normalise_newlines(prefix).count("\n") + 1


def _where(data: bytes, exc: UnicodeDecodeError, encoding: str) -> str:
    """'byte 0xff at byte offset 6, line 1: invalid start byte' for a decode error."""
    bad = data[exc.start : exc.start + 1]
    byte = f"byte 0x{bad.hex()}" if bad else "end of data"
    line = _line_of(data, exc.start, encoding)
    return f"{byte} at byte offset {exc.start}, line {line}: {exc.reason}"


_HINT = "if you know the file's encoding, pass it with --encoding (e.g. --encoding big5)"


def _looks_chinese(text: str) -> bool:
    """True when a GB18030 decoding looks like real Chinese text.

    It must not contain private-use or replacement characters (which wrong decodings of other
    encodings, such as Big5, produce), and at least 15 % of the non-space characters of its first
    20,000 characters must be Chinese (ideographs or Chinese punctuation).
    """
    if _BAD_GB_RE.search(text):
        return False
    sample = text[:_SAMPLE_CHARS]
    non_space = len(sample) - len(_SPACE_RE.findall(sample))
    if non_space == 0:
        return False
    return len(_CHINESE_RE.findall(sample)) >= _MIN_CHINESE_SHARE * non_space


def _check_text(text: str, path: str, encoding: str) -> str:
    """Drop a leading BOM, normalise line endings, refuse blank and binary-looking text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if _BLANK_RE.fullmatch(text):
        raise CorpusError(
            path, "file contains only whitespace; add text to it or leave it out of the corpus"
        )
    if "\x00" in text:
        raise CorpusError(
            path,
            f"decoded as {encoding} it contains NUL characters, so it looks binary; "
            "give text files only, or pass the right --encoding",
        )
    sample = text[:_SAMPLE_CHARS]
    if len(_CONTROL_RE.findall(sample)) > _MAX_CONTROL_SHARE * len(sample):
        raise CorpusError(
            path,
            "file has many control characters, so it looks binary, not text; "
            "give text files only, or pass the right --encoding",
        )
    return _normalise_newlines(text)


def _decode_as(data: bytes, path: str, encoding: str) -> tuple[str, str]:
    """Decode with an encoding the user named."""
    try:
        name = codecs.lookup(encoding).name
        text = data.decode(encoding)
    except LookupError:
        raise CorpusError(
            path,
            f"unknown text encoding {encoding!r}; pass a codec name Python knows, "
            "e.g. --encoding utf-8, gb18030 or big5",
        ) from None
    except UnicodeDecodeError as exc:
        raise CorpusError(
            path,
            f"cannot decode as {encoding} ({_where(data, exc, encoding)}); "
            "check the --encoding value (or leave it out to detect the encoding)",
        ) from None
    except UnicodeError as exc:
        raise CorpusError(
            path,
            f"cannot decode as {encoding} ({exc}); "
            "check the --encoding value (or leave it out to detect the encoding)",
        ) from None
    return _check_text(text, path, name), name


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """Decode a file's bytes; return ``(text, encoding_name)``.

    Without ``encoding`` the encoding is detected, in this order:

    1. a byte-order mark: UTF-8 → ``utf-8-sig``; UTF-32 LE/BE → ``utf-32``; UTF-16 LE/BE →
       ``utf-16``;
    2. bytes that are valid UTF-8 → ``utf-8``;
    3. bytes that are valid GB18030 *and* whose decoding looks like Chinese text (no
       private-use or replacement characters, at least 15 % Chinese characters among the
       non-space characters of a sample) → ``gb18030``;
    4. otherwise :class:`CorpusError` naming the first bad byte, its byte offset and line
       (for whichever of UTF-8 and GB18030 decoded further) and suggesting ``--encoding``.

    An explicit ``encoding`` is used as given (the returned name is Python's canonical name
    for it); an unknown codec or bytes it cannot decode raise :class:`CorpusError`.

    The result has a leading BOM removed and ``\\r\\n`` and ``\\r`` line endings turned into
    ``\\n``. Also refused with :class:`CorpusError`: an empty file (0 bytes, or only whitespace
    and BOMs) and a binary file (NUL bytes without a UTF-16/32 BOM, or more than 10 % control
    characters).
    """
    if not data:
        raise CorpusError(path, "file is empty (0 bytes); add text to it or leave it out")
    if encoding is not None:
        return _decode_as(data, path, encoding)

    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(name)
            except UnicodeDecodeError as exc:
                raise CorpusError(
                    path,
                    f"starts with a {name.upper()} byte-order mark but cannot be decoded as "
                    f"{name} ({_where(data, exc, name)}); "
                    "re-save it as UTF-8, or pass its encoding with --encoding",
                ) from None
            return _check_text(text, path, name), name

    if b"\x00" in data:
        raise CorpusError(
            path,
            "contains NUL bytes and no UTF-16 byte-order mark, so it looks binary, not text; "
            "give text files only (or pass --encoding utf-16-le / utf-16-be for UTF-16 text)",
        )

    try:
        return _check_text(data.decode("utf-8"), path, "utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        utf8_exc = utf8_error

    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as gb_exc:
        if gb_exc.start > utf8_exc.start:
            where = _where(data, gb_exc, "gb18030")
            raise CorpusError(
                path,
                f"cannot be decoded: not UTF-8, and not GB18030 either ({where}); {_HINT}",
            ) from None
        raise CorpusError(
            path,
            f"cannot be decoded: not UTF-8 ({_where(data, utf8_exc, 'utf-8')}), "
            f"and not GB18030 either; {_HINT}",
        ) from None
    if not _looks_chinese(text):
        raise CorpusError(
            path,
            f"cannot be decoded: not UTF-8 ({_where(data, utf8_exc, 'utf-8')}), "
            f"and as GB18030 it does not look like Chinese text; {_HINT}",
        )
    return _check_text(text, path, "gb18030"), "gb18030"


# --------------------------------------------------------------------------- metadata


def _split_front_matter(text: str) -> tuple[str | None, str]:
    """``(front matter or None, the text after it)``."""
    match = _FRONT_MATTER_RE.match(text)
    if match is None:
        return None, text
    return match.group("body"), text[match.end() :]


def _front_matter_value(front: str, key_re: re.Pattern[str]) -> str | None:
    match = key_re.search(front)
    if match is None:
        return None
    value = match.group("value").strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1].strip()
    return value or None


def _head_lines(text: str, limit: int = HEAD_LINES) -> list[str]:
    """The first ``limit`` non-empty lines of ``text``, stripped (the rest is not looked at)."""
    lines: list[str] = []
    start = 0
    end_of_text = len(text)
    while start <= end_of_text and len(lines) < limit:
        end = text.find("\n", start)
        if end == -1:
            end = end_of_text
        line = text[start:end].strip()
        if line:
            lines.append(line)
        start = end + 1
    return lines


def _first_date(text: str) -> str | None:
    """The first valid date written in ``text`` as ISO ``YYYY-MM-DD``."""
    for match in _DATE_RE.finditer(text):
        y, m, d = match.group("y1", "m1", "d1")
        if y is None:
            y, m, d = match.group("y2", "m2", "d2")
        year = int(y)
        if not _MIN_YEAR <= year <= _MAX_YEAR:
            continue
        try:
            return date(year, int(m), int(d)).isoformat()
        except ValueError:
            continue
    return None


def find_date(text: str) -> str | None:
    """The date a text carries, as ISO ``YYYY-MM-DD``, or None.

    A ``date:`` key in YAML-ish front matter (a first line ``---`` up to a closing ``---``) wins.
    Otherwise the first date in the first 15 non-empty lines (after any front matter) is taken.
    Recognised forms: ``2023-12-27``, ``2023/12/27``, ``2023.12.27`` and ``2023年12月27日``
    (also ``日`` written ``号``; spaces allowed around 年月日); whatever follows (a time, say) is
    ignored. Years outside 1900–2099 and impossible months/days (``2023-02-30``) are passed over.
    """
    front, body = _split_front_matter(text)
    if front is not None:
        value = _front_matter_value(front, _FM_DATE_RE)
        found = _first_date(value) if value else None
        if found:
            return found
    for line in _head_lines(body):
        found = _first_date(line)
        if found:
            return found
    return None


def _is_bullet(line: str) -> bool:
    return line[0] in _BULLETS


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


def _clip(title: str) -> str:
    if len(title) <= MAX_TITLE_CHARS:
        return title
    return title[: MAX_TITLE_CHARS - 1].rstrip() + "…"


def _pick(lines: Sequence[str]) -> str | None:
    """The first line that can be a title: preferably one that is not a body sentence."""
    usable = [ln for ln in lines if len(ln) >= MIN_TITLE_CHARS and not _is_bullet(ln)]
    for line in usable:
        if not _ends_sentence(line):
            return line
    return usable[0] if usable else None


def find_title(text: str, suffix: str) -> str | None:
    """The title of a text, or None. ``suffix`` is the file's suffix (``.md`` matters).

    A ``title:`` key in YAML-ish front matter (a first line ``---`` up to a closing ``---``,
    usually in ``.md`` files but honoured whatever the suffix) wins. Then, for ``.md`` files
    only, the first level-one heading (``# Heading``) among the first 15 non-empty lines.

    Otherwise the first 15 non-empty lines (after any front matter; stripped; for ``.md`` with
    heading marks removed) are looked at. Lines shorter than 4 characters and bullet or
    navigation lines (starting with ``•``, ``-``, ``*``, ``>``, ``|`` …) are never a title.

    * If one of the lines carries a date (see :func:`find_date`), the title is the nearest usable
      line before that date line.
    * Otherwise (or when no line before it is usable) it is the first usable line after the
      date line or, with no date, the first usable line.

    In both cases a line ending like a body sentence (with ``。``, ``.``, ``;``, ignoring closing
    quotes and brackets) is passed over when a line that does not is available, since headlines
    seldom end that way while paragraphs do. Titles over 120 characters are cut to 120 with
    "…" as the last character.
    """
    is_md = suffix.lower() == ".md"
    front, body = _split_front_matter(text)
    if front is not None:
        value = _front_matter_value(front, _FM_TITLE_RE)
        if value:
            return _clip(value)
    lines = _head_lines(body)
    if is_md:
        for line in lines:
            match = _MD_H1_RE.match(line)
            if match:
                return _clip(match.group("title").strip())
        lines = [_MD_HEADING_MARK_RE.sub("", ln) for ln in lines]
        lines = [ln for ln in lines if ln]

    date_at = next((i for i, ln in enumerate(lines) if _first_date(ln)), None)
    if date_at is not None:
        before = _pick(lines[:date_at][::-1])
        if before is not None:
            return _clip(before)
        lines = lines[date_at + 1 :]
    picked = _pick(lines)
    return _clip(picked) if picked is not None else None


# --------------------------------------------------------------------------- reading


def read_document(path: str, encoding: str | None = None) -> Document:
    """Read one file into a :class:`Document` (source, decoded text, encoding, title, date).

    See :func:`decode`, :func:`find_title` and :func:`find_date`. An OS error (permission
    denied, a directory, ...) and any decoding problem raise :class:`CorpusError`.
    """
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise CorpusError(
            path, f"cannot read file ({exc.strerror or exc}); check that it is a readable file"
        ) from None
    text, name = decode(data, path, encoding)
    suffix = os.path.splitext(path)[1]
    return Document(
        source=path,
        text=text,
        encoding=name,
        title=find_title(text, suffix),
        date=find_date(text),
    )


def iter_documents(
    paths: Sequence[str],
    encoding: str | None = None,
    on_skip: Callable[[Skipped], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents of ``paths`` one at a time (files are read only when asked for).

    Paths that :func:`discover` cannot use are reported first, then each file that cannot be
    read or decoded is reported as it is met; each is passed to ``on_skip`` (if given) and left
    out, and the rest is still processed.
    """
    files, skipped = discover(paths)
    if on_skip is not None:
        for item in skipped:
            on_skip(item)
    for path in files:
        try:
            document = read_document(path, encoding)
        except CorpusError as exc:
            if on_skip is not None:
                on_skip(Skipped(exc.path, exc.reason))
            continue
        yield document
