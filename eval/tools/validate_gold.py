#!/usr/bin/env python3
"""Consistency checks for one of the project's gold sets (texts/ and gold/ in a folder).

Usage: python eval/tools/validate_gold.py tests/dev6   (each set's validate.py runs this
on its own folder). Reads only that folder. Exits non-zero on any error.

It checks the formats and conventions the sets' READMEs describe: headers, types and cores,
no duplicate terms, every gold term and English alternative found verbatim in its text,
every pair's `left` reaching back to the previous boundary and ending in its `zh`, and every
English form of a pair given a row of its own with its Chinese term's type and core.
"""

import os
import re
import sys

HERE = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else ".")
TEXTS = os.path.join(HERE, "texts")
GOLD = os.path.join(HERE, "gold")

FILES = sorted(name for name in os.listdir(TEXTS) if name.endswith((".txt", ".md")))

GOLD_HEADER = ["term", "type", "english", "core"]
PAIRS_HEADER = ["left", "inside", "zh", "en", "file", "note"]
TYPES = {"concept", "org", "product", "person", "other"}
CORES = {"0", "1"}
BOUNDARY = set("，。；：、！？,;:!?|\n（）()")
MD_MARKER = re.compile(r"^(?:#+\s*|>\s*|[-*]\s+|\*\*|\d+\.\s+)")
MD_PREFIX = re.compile(r"^\s*(?:(?:#+\s*|>\s*|[-*]\s+|\*\*|\d+\.\s+)\s*)*$")
CLOSING_QUOTES = "”」』’"

errors = []


def err(msg):
    errors.append(msg)


def has_han(s):
    return any("\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff" for c in s)


def han_count(s):
    return sum(1 for c in s if "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff")


def alts(s):
    return [a for a in s.split(" / ") if a] if s else []


def read_tsv(path, header):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != header:
        err(f"{os.path.basename(path)}: header must be {header}")
        return []
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        cols = line.split("\t")
        if len(cols) != len(header):
            err(f"{os.path.basename(path)}:{n}: expected {len(header)} columns, got {len(cols)}")
            continue
        rows.append((n, cols))
    return rows


texts = {}
for fn in FILES:
    with open(os.path.join(TEXTS, fn), encoding="utf-8") as f:
        texts[fn] = f.read()

# ---- gold term files
gold = {}
for fn in FILES:
    stem = os.path.splitext(fn)[0]
    gname = f"{stem}.gold.tsv"
    rows = read_tsv(os.path.join(GOLD, gname), GOLD_HEADER)
    terms = {}
    for n, (term, typ, english, core) in rows:
        where = f"{gname}:{n}"
        if not term or term != term.strip():
            err(f"{where}: empty term or surrounding whitespace: {term!r}")
        if typ not in TYPES:
            err(f"{where}: bad type {typ!r}")
        if core not in CORES:
            err(f"{where}: bad core {core!r}")
        if term in terms:
            err(f"{where}: duplicate term {term!r}")
        if term not in texts[fn]:
            err(f"{where}: term {term!r} not found verbatim in {fn}")
        if not has_han(term) and term not in alts(english):
            err(
                f"{where}: Latin-script term {term!r} must carry its own form in english "
                f"({english!r})"
            )
        for a in alts(english):
            if a not in texts[fn]:
                err(f"{where}: english {a!r} not found in {fn}")
        terms[term] = (typ, english, core)
    gold[fn] = terms

# ---- pairs
pair_rows = read_tsv(os.path.join(GOLD, "pairs.tsv"), PAIRS_HEADER)
paired = {fn: set() for fn in FILES}
pair_count = dict.fromkeys(FILES, 0)
english_forms = {fn: set() for fn in FILES}
for n, (left, inside, zh, en, fn, note) in pair_rows:
    where = f"pairs.tsv:{n}"
    if fn not in texts:
        err(f"{where}: unknown file {fn!r}")
        continue
    text = texts[fn]
    pair_count[fn] += 1
    if not left or any(c in BOUNDARY for c in left):
        err(f"{where}: left {left!r} is empty or crosses a boundary")
    if left != left.lstrip() or MD_MARKER.match(left):
        err(f"{where}: left {left!r} keeps leading space or a Markdown marker")
    if not any(left + o + inside + c in text for o, c in (("（", "）"), ("(", ")"))):
        err(f"{where}: {left!r} + parenthesis + {inside!r} not found verbatim in {fn}")
    else:
        starts_at_boundary = False
        for o, c in (("（", "）"), ("(", ")")):
            for m in re.finditer(re.escape(left + o + inside + c), text):
                k = m.start()
                j = k
                while j > 0 and text[j - 1] not in BOUNDARY:
                    j -= 1
                if MD_PREFIX.match(text[j:k]):
                    starts_at_boundary = True
        if not starts_at_boundary:
            err(f"{where}: left {left!r} does not reach back to the previous boundary")
    ens = alts(en)
    if not ens:
        err(f"{where}: empty en")
    stripped = left.rstrip(CLOSING_QUOTES)
    if inside == zh:  # EN（zh） / ABBR（zh）
        if not any(left.endswith(a) for a in ens):
            err(
                f"{where}: EN（zh） pair but left {left!r} does not end with an en "
                f"alternative {ens}"
            )
    elif not stripped.endswith(zh):
        err(f"{where}: left {left!r} does not end with zh {zh!r}")
    if zh not in text:
        err(f"{where}: zh {zh!r} not in {fn}")
    for a in ens:
        if a not in text:
            err(f"{where}: en {a!r} not in {fn}")
    if not note or ";" not in note:
        err(f"{where}: note must be 'form; context'")
    row = gold[fn].get(zh)
    if row is None:
        err(f"{where}: zh {zh!r} has no gold row in {fn}")
    else:
        missing = [a for a in ens if a not in alts(row[1])]
        if missing:
            err(f"{where}: gold row for {zh!r} lacks english {missing} (has {row[1]!r})")
        # English rows: each English form of the pair has its own row, with the
        # type and core of the Chinese term and the form itself in `english`.
        for a in ens:
            english_forms[fn].add(a)
            erow = gold[fn].get(a)
            if erow is None:
                err(f"{where}: English form {a!r} has no gold row of its own in {fn}")
                continue
            if (erow[0], erow[2]) != (row[0], row[2]):
                err(
                    f"{where}: English row {a!r} has type/core {erow[0]}/{erow[2]}, "
                    f"but {zh!r} has {row[0]}/{row[2]}"
                )
            if a not in alts(erow[1]):
                err(f"{where}: English row {a!r} must carry its own form in english ({erow[1]!r})")
    paired[fn].add(zh)

# ---- every non-Latin gold row with english must be backed by a pair
for fn in FILES:
    for term, (_type, english, _core) in gold[fn].items():
        if english and has_han(term) and term not in paired[fn]:
            err(f"{fn}: gold row {term!r} has english {english!r} but no pair backs it")

# ---- summary
print(f"{'file':32} {'Han':>5} {'terms':>6} {'core1':>6} {'enrows':>6} {'pairs':>6}")
tot = [0, 0, 0, 0, 0]
for fn in FILES:
    h = han_count(texts[fn])
    t = len(gold[fn])
    c = sum(1 for v in gold[fn].values() if v[2] == "1")
    e = len(english_forms[fn])
    p = pair_count[fn]
    tot = [tot[0] + h, tot[1] + t, tot[2] + c, tot[3] + e, tot[4] + p]
    print(f"{fn:32} {h:5d} {t:6d} {c:6d} {e:6d} {p:6d}")
print(f"{'total':32} {tot[0]:5d} {tot[1]:6d} {tot[2]:6d} {tot[3]:6d} {tot[4]:6d}")
print("(terms and core1 include the English rows; enrows = distinct English forms of pairs)")

if errors:
    print(f"\n{len(errors)} error(s):")
    for e in errors:
        print("  " + e)
    sys.exit(1)
print("\nOK: all checks passed")
