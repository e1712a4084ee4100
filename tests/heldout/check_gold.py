"""Consistency check for the held-out gold set (imports nothing from the project).

usage: python tests/heldout/check_gold.py

Fails (exit 1) when a gold term, either side of a pair or a non-pair parenthesis is
not found verbatim in its text, when a parenthesis in running text is in neither
pairs.tsv nor parens-nonpairs.tsv, or when the same normalised term has different
core values in different files. Warns about nested-only terms. Prints counts per text.
"""

import csv
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = ["tutorial.md", "readme.md", "blog.txt", "news.txt", "taiwan.txt", "security.txt"]
TYPES = {"concept", "org", "product", "person", "other"}
COLUMNS = [
    "chars",
    "terms",
    "core",
    "pairs",
    "zh_en",
    "en_zh",
    "acronym_in_one",
    "nonpairs",
    "fullwidth",
    "halfwidth",
]
PAREN = re.compile(r"[（(]([^（）()]*)[）)]")


def _identity(s: str) -> str:
    return s


try:
    import opencc

    T2S = opencc.OpenCC("t2s").convert
except ImportError:  # the check still runs; only the cross-file core check sees less
    T2S = _identity


def norm(s: str) -> str:
    """Normalise like /work/shared/eval/score.py does."""
    s = unicodedata.normalize("NFKC", s or "")
    s = re.sub(r"\s+", " ", s).strip()
    s = re.sub(r"(?<=[\u4e00-\u9fff]) (?=[A-Za-z0-9])|(?<=[A-Za-z0-9]) (?=[\u4e00-\u9fff])", "", s)
    return T2S(s).casefold()


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def prose(text: str) -> str:
    """The text without fenced code blocks (their parentheses are code syntax)."""
    return re.sub(r"```.*?```", "", text, flags=re.S)


def check_terms(
    stem: str, text: str, gold: list[dict[str, str]], errors: list[str], warnings: list[str]
) -> None:
    terms = [r["term"] for r in gold]
    if len(set(terms)) != len(terms):
        errors.append(f"{stem}.gold.tsv: duplicate term rows")
    for r in gold:
        t = r["term"]
        if t not in text:
            errors.append(f"{stem}.gold.tsv: term not in text: {t!r}")
        if r["type"] not in TYPES:
            errors.append(f"{stem}.gold.tsv: bad type {r['type']!r} for {t!r}")
        if r["core"] not in {"0", "1"}:
            errors.append(f"{stem}.gold.tsv: bad core {r['core']!r} for {t!r}")
        if re.fullmatch(r"[\x20-\x7e]+", t) and r["english"] != t:
            warnings.append(f"{stem}: Latin term {t!r} has english {r['english']!r}")
        longer = sorted((u for u in terms if t in u and u != t), key=len, reverse=True)
        rest = text
        for u in longer:
            rest = rest.replace(u, "\0")
        if longer and t not in rest:
            warnings.append(f"{stem}: {t!r} occurs only inside {longer}")


def check_parens(
    f: str,
    text: str,
    terms: set[str],
    *,
    fp: list[dict[str, str]],
    fn: list[dict[str, str]],
    errors: list[str],
    warnings: list[str],
) -> list[str]:
    for p in fp:
        for side in [p["zh"], *p["en"].split(" / ")]:
            if side not in text:
                errors.append(f"pairs.tsv: {f}: {side!r} not in text")
            if side not in terms:
                warnings.append(f"pairs.tsv: {f}: {side!r} has no gold row")
        pat = re.escape(p["left"]) + r"[（(]" + re.escape(p["inside"]) + r"[）)]"
        if not re.search(pat, text):
            errors.append(f"pairs.tsv: {f}: not found: {p['left']}({p['inside']})")
    for n in fn:
        pat = re.escape(n["left_context"]) + r"\s*[（(]" + re.escape(n["inside"]) + r"[）)]"
        if not re.search(pat, text):
            errors.append(
                f"parens-nonpairs.tsv: {f}: not found: {n['left_context']}({n['inside']})"
            )
    found = PAREN.findall(prose(text))
    listed = [p["inside"] for p in fp] + [n["inside"] for n in fn]
    if sorted(found) != sorted(listed):
        errors.append(
            f"{f}: parentheses in text and in the TSVs differ: "
            f"unlisted={sorted(set(found) - set(listed))} "
            f"missing={sorted(set(listed) - set(found))}"
        )
    return found


def main() -> int:
    errors: list[str] = []
    warnings: list[str] = []
    pairs = rows(HERE / "pairs.tsv")
    nonpairs = rows(HERE / "parens-nonpairs.tsv")
    core_by_norm: dict[str, set[tuple[str, str]]] = defaultdict(set)
    counts: dict[str, dict[str, int]] = {}
    for f in TEXTS:
        text = (HERE / f).read_text(encoding="utf-8")
        stem = f.rsplit(".", 1)[0]
        gold = rows(HERE / f"{stem}.gold.tsv")
        check_terms(stem, text, gold, errors, warnings)
        for r in gold:
            core_by_norm[norm(r["term"])].add((r["core"], f))
        fp = [p for p in pairs if p["file"] == f]
        fn = [n for n in nonpairs if n["file"] == f]
        found = check_parens(
            f, text, {r["term"] for r in gold}, fp=fp, fn=fn, errors=errors, warnings=warnings
        )
        fullwidth = prose(text).count("（")
        counts[f] = {
            "chars": len(re.sub(r"\s", "", text)),
            "terms": len(gold),
            "core": sum(r["core"] == "1" for r in gold),
            "pairs": len(fp),
            "zh_en": sum(p["left"] == p["zh"] for p in fp),
            "en_zh": sum(p["left"] != p["zh"] for p in fp),
            "acronym_in_one": sum(" / " in p["en"] for p in fp),
            "nonpairs": len(fn),
            "fullwidth": fullwidth,
            "halfwidth": len(found) - fullwidth,
        }
    for key, seen in core_by_norm.items():
        if len({core for core, _ in seen}) > 1:
            errors.append(f"core differs across files for {key!r}: {sorted(seen)}")

    for w in warnings:
        print("warning:", w)
    for e in errors:
        print("ERROR:", e)
    print("file".ljust(14) + "".join(c.rjust(15) for c in COLUMNS))
    for f, c in counts.items():
        print(f.ljust(14) + "".join(str(c[k]).rjust(15) for k in COLUMNS))
    total = {k: sum(c[k] for c in counts.values()) for k in COLUMNS}
    print("total".ljust(14) + "".join(str(total[k]).rjust(15) for k in COLUMNS))
    core_terms = {k for k, seen in core_by_norm.items() if any(c == "1" for c, _ in seen)}
    gold_pairs = {(norm(p["zh"]), norm(e)) for p in pairs for e in p["en"].split(" / ")}
    print("distinct core terms (normalised, as score.py counts them):", len(core_terms))
    print("distinct pairs (normalised):", len(gold_pairs))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
