"""TBX: the ISO 30042 TermBase eXchange format, written and read.

Two layouts are written from the same concepts:

* **TBX-Basic** of ISO 30042:2019, DCA style (``tbx/text/body/conceptEntry/langSec/
  termSec``, namespace ``urn:iso:std:iso:30042:ed-2``), with only the data categories and
  values TBX-Basic allows at each level;
* the older **TBX 2008** layout (``martif/text/body/termEntry/langSet/tig``) that many
  tools (translate-toolkit, Weblate, OmegaT, older MultiTerm) still read.

What goes where: the category is the ``subjectField`` of the entry; curated sources are the
entry's ``source``; related entries are ``crossReference`` links; the curated note is the
entry's ``note``. Each language section has its definition (with its source) and one term
section per term: ``termType`` (fullForm, acronym, abbreviation, variant) and
``administrativeStatus`` (forbidden terms are deprecated in TBX-Basic, which has no
forbidden value, and carry the note :data:`FORBIDDEN_NOTE`), then up to three context
sentences, each grouped with its source. Aliases are variants without a status.

Reading takes either layout (and ``ntig`` term groups) with line numbers for every
problem; the XML is parsed with expat, which never fetches external entities.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

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

NAMESPACE = "urn:iso:std:iso:30042:ed-2"
XML_NAMESPACE = "http://www.w3.org/XML/1998/namespace"
FORBIDDEN_NOTE = "forbidden: never use this term (禁用)"
SCHEMA_MODELS = (
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX_Core_RNG/master/'
    'TBXcoreStructV03.rng" type="application/xml" '
    'schematypens="http://relaxng.org/ns/structure/1.0"?>',
    '<?xml-model href="https://raw.githubusercontent.com/LTAC-Global/TBX-Basic_dialect/master/'
    'DCA/TBX-Basic_DCA.sch" type="application/xml" '
    'schematypens="http://purl.oclc.org/dsdl/schematron"?>',
)
ADMINISTRATIVE_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
    "forbidden": "deprecatedTerm-admn-sts",
}
_STATUS_READ = {
    "preferredterm-admn-sts": "preferred",
    "admittedterm-admn-sts": "admitted",
    "deprecatedterm-admn-sts": "deprecated",
    "supersededterm-admn-sts": "deprecated",
    "preferred": "preferred",
    "admitted": "admitted",
    "deprecated": "deprecated",
    "superseded": "deprecated",
    "forbidden": "forbidden",
}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class _Layout:
    root: str
    header: str
    entry: str
    language: str
    term: str


LAYOUT_2019 = _Layout("tbx", "tbxHeader", "conceptEntry", "langSec", "termSec")
LAYOUT_2008 = _Layout("martif", "martifHeader", "termEntry", "langSet", "tig")


# -- writing ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Element:
    tag: str
    attributes: tuple[tuple[str, str], ...] = ()
    text: str | None = None
    children: tuple[_Element, ...] = ()


def _el(tag: str, text: str | None = None, **attributes: str) -> _Element:
    pairs = tuple(("xml:lang" if k == "xml_lang" else k, v) for k, v in attributes.items())
    return _Element(tag, pairs, text)


def _parent(tag: str, children: Sequence[_Element], **attributes: str) -> _Element:
    element = _el(tag, **attributes)
    return _Element(element.tag, element.attributes, None, tuple(children))


def write_tbx(concepts: Sequence[Concept], options: ExportOptions) -> bytes:
    """The concepts as a TBX file: TBX-Basic 2019 (DCA), or the 2008 ``martif`` layout."""
    layout = LAYOUT_2008 if options.tbx_version == "2008" else LAYOUT_2019
    order = _locale_order(options)
    ids = {c.id: xml_id(c.id) for c in concepts}
    labels = {c.id: _label(c) for c in concepts}
    entries = [
        _entry(c, layout, order=order, ids=ids, labels=labels, title=options.title)
        for c in concepts
    ]
    header = _parent(
        layout.header,
        [
            _parent(
                "fileDesc",
                [
                    _parent("titleStmt", [_el("title", options.title)]),
                    _parent(
                        "sourceDesc",
                        [_el("p", "Exported by `glossary export` from a zh↔en glossary.")],
                    ),
                ],
            ),
            *(
                [_parent("encodingDesc", [_el("p", "TBXBasicXCSV02.xcs", type="XCSURI")])]
                if layout is LAYOUT_2008
                else []
            ),
        ],
    )
    # The 2019 body needs one entry at least; an empty export has a text without a body.
    body = [_parent("body", entries)] if entries or layout is LAYOUT_2008 else []
    text = _parent("text", body)
    root_language = order[0]
    if layout is LAYOUT_2008:
        root = _parent("martif", [header, text], type="TBX-Basic", xml_lang=root_language)
        prolog = ['<?xml version="1.0" encoding="UTF-8"?>']
    else:
        root = _parent(
            "tbx",
            [header, text],
            type="TBX-Basic",
            style="dca",
            xml_lang=root_language,
            xmlns=NAMESPACE,
        )
        prolog = ['<?xml version="1.0" encoding="UTF-8"?>', *SCHEMA_MODELS]
    lines = [*prolog, *_lines(root, 0)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def xml_id(entry_id: str) -> str:
    """An entry id as an XML ID (an NCName, which cannot start with a digit).

    >>> xml_id("scaling-law"), xml_id("3d-parallelism")
    ('scaling-law', '_3d-parallelism')
    """
    return entry_id if entry_id[:1].isalpha() or entry_id[:1] == "_" else f"_{entry_id}"


def entry_id_of(xml_name: str) -> str:
    """The entry id an XML ID stands for (the inverse of :func:`xml_id`).

    >>> entry_id_of("_3d-parallelism"), entry_id_of("scaling-law")
    ('3d-parallelism', 'scaling-law')
    """
    return xml_name[1:] if xml_name.startswith("_") and xml_name[1:2].isdigit() else xml_name


def _locale_order(options: ExportOptions) -> list[Locale]:
    """Source, target, then Traditional Chinese: tools that read two languages take the
    first two."""
    return [options.source_locale, options.target_locale, "zh-Hant"]


def _label(concept: Concept) -> str:
    return " · ".join(x for x in (concept.preferred("zh-Hans"), concept.preferred("en")) if x)


def _entry(
    concept: Concept,
    layout: _Layout,
    *,
    order: Sequence[Locale],
    ids: dict[str, str],
    labels: dict[str, str],
    title: str,
) -> _Element:
    children: list[_Element] = []
    if concept.category:
        children.append(_el("descrip", concept.category, type="subjectField"))
    children.extend(_el("admin", source, type="source") for source in concept.references)
    children.extend(
        _el("ref", labels[related], type="crossReference", target=ids[related])
        for related in concept.related
        if related in ids
    )
    if concept.note:
        children.append(_el("note", concept.note))
    for locale in order:
        terms = concept.in_locale(locale)
        if terms:
            children.append(_language(concept, locale, terms, layout, title))
    return _parent(layout.entry, children, id=ids[concept.id])


def _language(
    concept: Concept,
    locale: Locale,
    terms: Sequence[TermForm],
    layout: _Layout,
    title: str,
) -> _Element:
    children: list[_Element] = []
    definition = concept.definition(locale)
    if definition:
        children.append(
            _parent(
                "descripGrp",
                [_el("descrip", definition, type="definition"), _el("admin", title, type="source")],
            )
        )
    children.extend(_term(term, layout) for term in terms)
    return _parent(layout.language, children, xml_lang=locale)


def _term(term: TermForm, layout: _Layout) -> _Element:
    children = [_el("term", term.text), _el("termNote", term.term_type, type="termType")]
    if term.status:
        children.append(
            _el("termNote", ADMINISTRATIVE_STATUS[term.status], type="administrativeStatus")
        )
    children.extend(
        _parent(
            "descripGrp",
            [
                _el("descrip", example.sentence, type="context"),
                _el("admin", example.source, type="source"),
            ],
        )
        for example in term.examples
    )
    if term.status == "forbidden":
        children.append(_el("note", FORBIDDEN_NOTE))
    return _parent(layout.term, children)


def _lines(element: _Element, depth: int) -> Iterator[str]:
    pad = "  " * depth
    attributes = "".join(
        f" {name}={quoteattr(_clean(value))}" for name, value in element.attributes
    )
    if element.children:
        yield f"{pad}<{element.tag}{attributes}>"
        for child in element.children:
            yield from _lines(child, depth + 1)
        yield f"{pad}</{element.tag}>"
    elif element.text is not None:
        yield f"{pad}<{element.tag}{attributes}>{xml_text(element.text)}</{element.tag}>"
    else:
        yield f"{pad}<{element.tag}{attributes}/>"


def xml_text(text: str) -> str:
    """Text escaped for XML content; a carriage return survives as ``&#13;`` and characters
    XML 1.0 cannot hold at all are left out.

    >>> xml_text('a < b & "c"\\r\\n')
    'a &lt; b &amp; "c"&#13;\\n'
    """
    return escape(_clean(text)).replace("\r", "&#13;")


def _clean(text: str) -> str:
    return _INVALID_XML.sub("", text)


# -- reading ----------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    """An XML element with the line it starts on (expat gives lines; ElementTree does not)."""

    name: str  # local name
    namespace: str
    attributes: dict[str, str]
    line: int
    parts: list[str | _Node] = field(default_factory=list)

    @property
    def children(self) -> list[_Node]:
        return [p for p in self.parts if isinstance(p, _Node)]

    def text(self) -> str:
        return "".join(p if isinstance(p, str) else p.text() for p in self.parts)

    def find_all(self, *names: str) -> Iterator[_Node]:
        for child in self.children:
            if child.name in names:
                yield child
            yield from child.find_all(*names)


def parse_xml(data: bytes, path: str) -> _Node:
    """Parse ``data`` into nodes with line numbers; malformed XML names its line."""
    from xml.parsers import expat

    parser = expat.ParserCreate(namespace_separator=" ")
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    stack: list[_Node] = []
    roots: list[_Node] = []

    def start(name: str, attributes: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        plain = {
            ("xml:" if key.startswith(XML_NAMESPACE + " ") else "") + key.rpartition(" ")[2]: value
            for key, value in attributes.items()
        }
        node = _Node(local, namespace, plain, parser.CurrentLineNumber)
        if stack:
            stack[-1].parts.append(node)
        else:
            roots.append(node)
        stack.append(node)

    def end(name: str) -> None:
        stack.pop()

    def characters(text: str) -> None:
        if stack:
            stack[-1].parts.append(text)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = characters
    try:
        parser.Parse(data, True)
    except expat.ExpatError as error:
        message = expat.errors.messages[error.code]
        raise TermbaseError(
            path,
            [
                (
                    error.lineno,
                    f"malformed XML: {message} (column {error.offset + 1}); fix the markup there",
                )
            ],
        ) from None
    if not roots:
        raise TermbaseError(path, [(1, "no XML element in the file")])
    return roots[0]


def read_tbx(data: bytes, path: str) -> Reading:
    """Concepts from a TBX file (TBX-Basic 2019 DCA, TBX 2008 ``martif``, other dialects of
    the same structure)."""
    root = parse_xml(data, path)
    if root.name == "tbx":
        if root.attributes.get("style") == "dct":
            raise TermbaseError(
                path,
                [(root.line, "DCT-style TBX is not supported; export the termbase as DCA")],
            )
        entry_name, language_name = "conceptEntry", "langSec"
    elif root.name == "martif":
        entry_name, language_name = "termEntry", "langSet"
    else:
        raise TermbaseError(
            path,
            [
                (
                    root.line,
                    f"not a TBX file: the root element is <{root.name}>; expected <tbx> "
                    "(TBX 2019) or <martif> (TBX 2008)",
                )
            ],
        )
    reader = _Reader(language_name)
    entries = list(root.find_all(entry_name))
    if not entries:
        raise TermbaseError(
            path, [(root.line, f"no <{entry_name}> in the file; nothing to import")]
        )
    concepts = [(reader.concept(entry), entry.line) for entry in entries]
    problems = _missing_languages(concepts, root.line)
    if problems:
        raise TermbaseError(path, problems)
    return Reading(tuple(concepts), reader.warnings())


def _missing_languages(
    concepts: list[tuple[Concept, int]], root_line: int
) -> list[tuple[int, str]]:
    if not any(c.preferred("zh-Hans") for c, _ in concepts):
        return [
            (
                root_line,
                "no Chinese terms in the file (language zh, zh-Hans, zh-CN, …); "
                "a terms file needs the Chinese term of every entry",
            )
        ]
    if not any(c.preferred("en") for c, _ in concepts):
        return [
            (root_line, "no English terms in the file (language en, en-US, …); nothing to pair")
        ]
    return [
        (line, f"entry {c.id or '(no id)'} has no Chinese term; add one or leave the entry out")
        for c, line in concepts
        if not c.preferred("zh-Hans")
    ]


def tbx_locale(code: str) -> Locale | None:
    """The locale an ``xml:lang`` code stands for, or None for another language.

    >>> [tbx_locale(c) for c in ("zh-CN", "zh", "zh-Hant-TW", "zh_HK", "en-GB", "es")]
    ['zh-Hans', 'zh-Hans', 'zh-Hant', 'zh-Hant', 'en', None]
    """
    parts = code.strip().lower().replace("_", "-").split("-")
    if parts[0] in ("zh", "cmn"):
        return "zh-Hant" if any(p in ("hant", "tw", "hk", "mo") for p in parts[1:]) else "zh-Hans"
    return "en" if parts[0] == "en" else None


def _clean_text(node: _Node) -> str:
    """An element's text, trimmed, with the indentation after each line break removed."""
    return re.sub(r"\n[ \t]+", "\n", node.text().replace("\r\n", "\n")).strip()


def _term_text(node: _Node) -> str:
    return " ".join(node.text().split())


class _Reader:
    def __init__(self, language_name: str) -> None:
        self.language_name = language_name
        self.left_out: Counter[str] = Counter()

    def warnings(self) -> tuple[str, ...]:
        return tuple(f"left out {count} × {what}" for what, count in sorted(self.left_out.items()))

    def concept(self, entry: _Node) -> Concept:
        category: str | None = None
        references: list[str] = []
        related: list[str] = []
        notes: list[str] = []
        definitions: dict[Locale, str] = {}
        terms: list[TermForm] = []
        for child in entry.children:
            if child.name == self.language_name:
                self._language(child, definitions, terms, notes)
                continue
            for item, head in _items(child):
                kind = (item.name, item.attributes.get("type", ""))
                text = _clean_text(item)
                if kind == ("descrip", "subjectField") and text:
                    if category is None:
                        category = text
                    else:
                        self.left_out["second subject fields of one entry"] += 1
                elif kind == ("admin", "source") and head and text:
                    references.append(text)
                elif kind == ("ref", "crossReference") and item.attributes.get("target"):
                    related.append(entry_id_of(item.attributes["target"]))
                elif kind == ("descrip", "definition") and text:
                    definitions.setdefault(locale_of(text), text)
                elif item.name == "note" and text:
                    notes.append(text)
                elif head:
                    self.left_out[_what(item)] += 1
        return Concept(
            id=entry_id_of(entry.attributes.get("id", "")),
            terms=tuple(sorted(terms, key=lambda t: LOCALES.index(t.locale))),
            definition_zh=definitions.get("zh-Hans"),
            definition_en=definitions.get("en"),
            category=category,
            note="\n\n".join(notes) or None,
            references=tuple(references),
            related=tuple(related),
        )

    def _language(
        self,
        section: _Node,
        definitions: dict[Locale, str],
        terms: list[TermForm],
        notes: list[str],
    ) -> None:
        code = section.attributes.get("xml:lang", "")
        locale = tbx_locale(code)
        if locale is None:
            self.left_out[f"language sections in other languages ({code or 'no xml:lang'})"] += 1
            return
        found: list[_Found] = []
        for child in section.children:
            if child.name in ("termSec", "tig", "ntig"):
                term = self._term(child)
                if term is not None:
                    found.append(term)
                continue
            for item, head in _items(child):
                kind = (item.name, item.attributes.get("type", ""))
                text = _clean_text(item)
                if kind == ("descrip", "definition") and text:
                    target: Locale = "zh-Hans" if locale == "zh-Hant" else locale
                    if target in definitions:
                        self.left_out["second definitions in one language"] += 1
                    else:
                        definitions[target] = text
                elif item.name == "note" and text:
                    notes.append(text)
                elif head:
                    self.left_out[_what(item)] += 1
        terms.extend(self._forms(locale, found, notes))

    def _term(self, section: _Node) -> _Found | None:
        text: str | None = None
        status: str | None = None
        term_type: str | None = None
        notes: list[str] = []
        for child in section.children:
            for item, head in _items(child):
                kind = (item.name, item.attributes.get("type", ""))
                if item.name == "term":
                    text = text or _term_text(item)
                elif kind == ("termNote", "administrativeStatus"):
                    value = _term_text(item)
                    status = _STATUS_READ.get(value.lower())
                    if status is None:
                        self.left_out[f"unknown administrativeStatus values ({value})"] += 1
                elif kind == ("termNote", "termType"):
                    term_type = _term_text(item)
                elif kind == ("descrip", "context"):
                    self.left_out[
                        "context sentences (glossary build finds them in the corpus)"
                    ] += 1
                elif item.name == "note":
                    notes.append(_clean_text(item))
                elif head:
                    self.left_out[_what(item)] += 1
        if not text:
            return None
        if status == "deprecated" and any(n.lower().startswith("forbidden") for n in notes):
            status = "forbidden"
            notes = [n for n in notes if not n.lower().startswith("forbidden")]
        return _Found(text, status, term_type, tuple(notes))

    def _forms(self, locale: Locale, found: list[_Found], notes: list[str]) -> list[TermForm]:
        """The kind of each term of one language: the first term marked preferred (or, when
        none is, the first full form without a status) is the preferred term."""
        marked = any(f.status == "preferred" for f in found)
        taken = False
        forms: list[TermForm] = []
        for term in found:
            notes.extend(f"{term.text}: {note}" for note in term.notes if note)
            kind: Kind
            status = term.status
            implicit = status is None and not marked and term.term_type != "variant"
            if term.term_type in ("acronym", "abbreviation", "shortForm"):
                kind, status = "abbreviation", "admitted"
            elif status == "preferred" or (implicit and not taken):
                if taken:
                    self.left_out["second preferred terms in one language (kept as admitted)"] += 1
                    kind, status = "rendering", "admitted"
                else:
                    kind, status, taken = "preferred", "preferred", True
            elif status is None:
                kind = "alias" if term.term_type == "variant" else "rendering"
                status = None if kind == "alias" else "admitted"
            else:
                kind = "rendering"
            if locale == "zh-Hant" and kind != "preferred":
                kind, status = "alias", None
            forms.append(TermForm(term.text, locale, kind, status))
        return forms if taken else _promote(forms)


@dataclass(frozen=True, slots=True)
class _Found:
    """A term section as read: its term, status, termType and notes."""

    text: str
    status: str | None
    term_type: str | None
    notes: tuple[str, ...]


def _promote(forms: list[TermForm]) -> list[TermForm]:
    """Make the first usable term preferred when a language marks none so."""
    for index, form in enumerate(forms):
        if form.status not in ("deprecated", "forbidden"):
            forms[index] = TermForm(form.text, form.locale, "preferred", "preferred")
            break
    return forms


def _items(node: _Node) -> list[tuple[_Node, bool]]:
    """A data-category element, or the members of a ``…Grp`` group (``termGrp`` and
    ``termNoteGrp`` included), each with whether it heads its group."""
    if not node.name.endswith("Grp"):
        return [(node, True)]
    found: list[tuple[_Node, bool]] = []
    for index, child in enumerate(node.children):
        found.extend((item, head and index == 0) for item, head in _items(child))
    if node.name == "termGrp":  # a term and its notes, all heads
        return [(item, True) for item, _ in found]
    return found


def _what(node: _Node) -> str:
    kind = node.attributes.get("type")
    return f"<{node.name} type={kind!r}>" if kind else f"<{node.name}>"
