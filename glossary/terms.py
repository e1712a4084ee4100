"""Curated terms files (``terms/*.yaml``): schema, loading with line numbers, and checks.

A terms file is a YAML list of entries::

    - id: scaling-law
      zh: 尺度定律
      en: Scaling Law
      renderings: {缩放定律: admitted, 规模定律: deprecated}
      type: concept
      category: 训练与扩展
      definition:
        zh: 模型性能随参数量、数据量和算力增长而按幂律提升的经验规律。
        en: The empirical finding that model performance improves as a power law ...
      related: [pre-training, compute]

:func:`load_terms` reads every file and reports **all** problems at once, each naming the
file, the line, the entry and the field, with a hint how to fix it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from glossary.errors import GlossaryError

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
NonEmpty = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
TermType = Literal["concept", "org", "product", "person", "other"]


class Status(StrEnum):
    """The standing of one rendering of a concept, as in TBX's administrative status."""

    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"


class Definition(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: NonEmpty
    en: NonEmpty


class CuratedTerm(BaseModel):
    """One entry of a terms file. ``zh`` and ``en`` are the preferred renderings."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, StringConstraints(pattern=ID_PATTERN)]
    zh: NonEmpty
    en: NonEmpty | None = None
    zh_hant: NonEmpty | None = None
    abbr: list[NonEmpty] = Field(default_factory=list)
    aliases: list[NonEmpty] = Field(default_factory=list)
    renderings: dict[NonEmpty, Status] = Field(default_factory=dict)
    type: TermType = "concept"
    category: NonEmpty | None = None
    definition: Definition | None = None
    related: list[Annotated[str, StringConstraints(pattern=ID_PATTERN)]] = Field(
        default_factory=list
    )
    pinyin: NonEmpty | None = None
    sources: list[NonEmpty] = Field(default_factory=list)
    note: NonEmpty | None = None

    def surfaces(self) -> list[str]:
        """Every form of the term: renderings of any status, abbreviations and aliases."""
        forms = [self.zh, self.en, *self.abbr, *self.aliases, *self.renderings, self.zh_hant]
        return list(dict.fromkeys(f for f in forms if f))

    def warnings(self) -> list[tuple[str, str]]:
        """(field, message) for what a finished entry should have but this one lacks."""
        found = []
        if self.en is None:
            found.append(("en", "no English rendering yet; add en: <English term>"))
        if self.definition is None:
            found.append(("definition", "no definition yet; add definition: {zh: …, en: …}"))
        return found

    def status_of(self, surface: str) -> Status:
        if surface in self.renderings:
            return self.renderings[surface]
        return Status.PREFERRED if surface in (self.zh, self.en) else Status.ADMITTED


@dataclass(frozen=True, slots=True)
class LoadedTerm:
    """A curated entry and where it stands in its file."""

    term: CuratedTerm
    path: str
    line: int
    field_lines: tuple[tuple[str, int], ...] = ()

    def line_of(self, field: str) -> int:
        """The line of ``field`` in the file, or of the entry when the field is absent."""
        return dict(self.field_lines).get(field, self.line)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a terms file."""

    path: str
    line: int
    message: str
    entry: str | None = None

    def __str__(self) -> str:
        # line 0: the file as a whole (missing, unreadable), named without a line
        where = f"{self.path}:{self.line}:" if self.line else f"{self.path}:"
        return (
            f"{where} entry {self.entry}: {self.message}"
            if self.entry
            else f"{where} {self.message}"
        )


class TermsFileError(GlossaryError):
    """Terms files with problems; ``problems`` lists every one of them."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        super().__init__(
            "\n".join(str(p) for p in self.problems)
            + f"\n{count} problem{'s' if count != 1 else ''} in the terms files"
        )


_FIELD_HINTS = {
    "id": "a lower-case slug such as scaling-law",
    "zh": "the preferred Simplified Chinese term",
    "en": "the preferred English term",
    "renderings": "a mapping such as {令牌: admitted}; statuses are "
    "preferred, admitted, deprecated, forbidden",
    "type": "one of concept, org, product, person, other",
    "definition": "a mapping with zh: and en:",
    "related": "a list of ids of other entries",
}


def terms_files(paths: Iterable[str]) -> list[Path]:
    """The ``*.yaml``/``*.yml`` files under each path (a file is taken as given), sorted."""
    found: list[Path] = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def load_terms(paths: Iterable[str], *, check_related: bool = True) -> list[LoadedTerm]:
    """Load and check every terms file; raise :class:`TermsFileError` listing all problems.

    Entries that are valid but unfinished (no English, no definition) load; see
    :func:`term_warnings`. ``check_related=False`` skips the check that related ids exist,
    for a file read alone whose entries may point into other files.
    """
    terms: list[LoadedTerm] = []
    problems: list[Problem] = []
    invalid_ids: set[str] = set()  # entries with problems still exist for `related`
    for path in terms_files(paths):
        file_terms, file_problems, file_invalid = _load_file(path)
        terms.extend(file_terms)
        problems.extend(file_problems)
        invalid_ids |= file_invalid
    problems.extend(_cross_checks(terms, check_related, invalid_ids))
    if problems:
        raise TermsFileError(sorted(problems, key=lambda p: (p.path, p.line)))
    return terms


def _load_file(path: Path) -> tuple[list[LoadedTerm], list[Problem], set[str]]:
    import yaml

    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return [], [Problem(name, 0, "no such file; check the path")], set()
    except OSError as error:
        return [], [Problem(name, 0, f"cannot read ({error.strerror})")], set()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = f"not UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        return [], [Problem(name, line, message)], set()
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 0
        problem = Problem(name, line, f"YAML syntax: {error.problem}; fix the markup there")
        return [], [problem], set()
    if root is None or (isinstance(root, yaml.ScalarNode) and root.tag.endswith(":null")):
        return [], [], set()  # an empty file (or document) holds no entries
    if not isinstance(root, yaml.SequenceNode):
        line = root.start_mark.line + 1
        return [], [Problem(name, line, "a terms file is a list of entries (- id: …)")], set()
    terms: list[LoadedTerm] = []
    problems: list[Problem] = []
    invalid: set[str] = set()
    for node in root.value:
        line = node.start_mark.line + 1
        if not isinstance(node, yaml.MappingNode):
            problems.append(Problem(name, line, "an entry is a mapping of fields (id: …, zh: …)"))
            continue
        data, key_lines, duplicate_problems = _mapping(node, name)
        label = str(data.get("id") or data.get("zh") or f"at line {line}")
        problems.extend(Problem(p.path, p.line, p.message, label) for p in duplicate_problems)
        try:
            term = CuratedTerm.model_validate(data)
        except ValidationError as error:
            problems.extend(_validation_problems(error, name, line, key_lines, label))
            if isinstance(data.get("id"), str):
                invalid.add(data["id"])
            continue
        terms.append(LoadedTerm(term, name, line, tuple(key_lines.items())))
    return terms, problems, invalid


def _mapping(node: Any, path: str) -> tuple[dict[str, Any], dict[str, int], list[Problem]]:
    """A mapping node as plain data, with each key's line; duplicate keys are problems."""
    import yaml

    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    problems: list[Problem] = []
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 1
        if key in data:
            problems.append(
                Problem(
                    path, line, f"field {key!r} given twice (first at line {lines[key]}); keep one"
                )
            )
            continue
        data[key] = yaml.SafeLoader(stream="").construct_object(value_node, deep=True)
        lines[key] = line
    return data, lines, problems


def _validation_problems(
    error: ValidationError, path: str, entry_line: int, key_lines: dict[str, int], label: str
) -> list[Problem]:
    problems = []
    for detail in error.errors():
        location = [str(part) for part in detail["loc"]]
        field = location[0] if location else ""
        line = key_lines.get(field, entry_line)
        where = ".".join(location)
        kind = detail["type"]
        if kind == "missing":
            hint = _FIELD_HINTS.get(field, "")
            message = f"field {where!r} is required; add {field}: <{hint or 'value'}>"
        elif kind == "extra_forbidden":
            message = (
                f"unknown field {where!r}; known fields are {', '.join(CuratedTerm.model_fields)}"
            )
        else:
            expected = _FIELD_HINTS.get(field)
            message = f"field {where!r}: {detail['msg']}" + (
                f"; expected {expected}" if expected else ""
            )
        problems.append(Problem(path, line, message, label))
    return problems


def _cross_checks(
    terms: list[LoadedTerm], check_related: bool, invalid_ids: set[str]
) -> list[Problem]:
    """Problems between entries: duplicate ids, one zh or en claimed twice, dangling related."""
    from glossary.text import canonical_key

    problems: list[Problem] = []
    ids: dict[str, LoadedTerm] = {}
    claims: dict[tuple[str, str], LoadedTerm] = {}
    for loaded in terms:
        term = loaded.term
        first = ids.get(term.id)
        if first is not None:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line,
                    f"id {term.id!r} is already used at {first.path}:{first.line}; "
                    "give each entry its own id",
                    term.id,
                )
            )
        else:
            ids[term.id] = loaded
        for lang, surface in (("zh", term.zh), ("en", term.en)):
            if surface is None:
                continue
            key = (lang, canonical_key(surface))
            holder = claims.get(key)
            if holder is not None and holder.term.id != term.id:
                problems.append(
                    Problem(
                        loaded.path,
                        loaded.line_of(lang),
                        f"{lang} {surface!r} is already the {lang} of entry "
                        f"{holder.term.id} ({holder.path}:{holder.line}); merge the two "
                        "entries or record one as a rendering of the other",
                        term.id,
                    )
                )
            else:
                claims[key] = loaded
        preferred = [s for s, status in term.renderings.items() if status is Status.PREFERRED]
        if preferred:
            problems.append(
                Problem(
                    loaded.path,
                    loaded.line_of("renderings"),
                    f"rendering {preferred[0]!r} is marked preferred, but zh and en are the "
                    "preferred renderings; make it admitted or swap it into zh/en",
                    term.id,
                )
            )
    for loaded in terms if check_related else ():
        for related in loaded.term.related:
            if related not in ids and related not in invalid_ids:
                suggestion = _closest(related, list(ids))
                problems.append(
                    Problem(
                        loaded.path,
                        loaded.line_of("related"),
                        f"related id {related!r} does not exist"
                        + (f"; did you mean {suggestion!r}?" if suggestion else ""),
                        loaded.term.id,
                    )
                )
    return problems


def _closest(word: str, choices: list[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else None


def slugify(text: str) -> str:
    """An id from English (or pinyin) text: ``Scaling Law`` → ``scaling-law``.

    >>> slugify("Scaling Law"), slugify("GPT-4o"), slugify("post-training")
    ('scaling-law', 'gpt-4o', 'post-training')
    """
    slug = re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-")
    return slug or "term"


def term_warnings(terms: Iterable[LoadedTerm]) -> list[Problem]:
    """What valid entries still lack (an English rendering, a definition), as warnings."""
    return [
        Problem(loaded.path, loaded.line_of(field), message, loaded.term.id)
        for loaded in terms
        for field, message in loaded.term.warnings()
    ]
