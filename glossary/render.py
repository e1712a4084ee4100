"""A looked-up entry as text for a terminal."""

from __future__ import annotations

from typing import Any

_LABEL_WIDTH = 12


def render_entry(entry: dict[str, Any]) -> str:
    """The entry as the lines ``glossary lookup`` prints."""
    lines = [" ".join(x for x in (entry["zh"], entry["en"]) if x) or entry["id"]]

    def field(label: str, value: str) -> None:
        if value:
            lines.append(f"  {label:<{_LABEL_WIDTH}}{value}")

    if entry["zh_hant"] and entry["zh_hant"] != entry["zh"]:
        field("Traditional", entry["zh_hant"])
    field("pinyin", entry["pinyin"])
    kind = entry["type"] + (f" · {entry['category']}" if entry["category"] else "")
    field("type", kind + ("" if entry["curated"] else " · not yet curated"))
    field("abbr", ", ".join(entry["abbr"]))
    field("renderings", "; ".join(_rendering(r) for r in entry["renderings"]))
    definition = entry["definition"]
    if definition["zh"] or definition["en"]:
        field("definition", definition["zh"] or "")
        if definition["en"]:
            lines.append(" " * (_LABEL_WIDTH + 2) + definition["en"])
    field(
        "related", "; ".join(" ".join(x for x in (r["zh"], r["en"]) if x) for r in entry["related"])
    )
    field("note", entry["note"] or "")
    if entry["count"]:
        span = ""
        if entry["first_seen"]:
            span = f", {entry['first_seen']}" + (
                f" – {entry['last_seen']}" if entry["last_seen"] != entry["first_seen"] else ""
            )
        field("used", f"{entry['count']} times in {entry['doc_count']} documents{span}")
    for index, context in enumerate(entry["contexts"]):
        field("in context" if index == 0 else "", _highlight(context))
        source = context["title"] or context["source"]
        where = f"{context['source']}:{context['line']}" + (
            f", {context['date']}" if context["date"] else ""
        )
        lines.append(" " * (_LABEL_WIDTH + 4) + f"— {source} ({where})")
    return "\n".join(lines)


def _rendering(rendering: dict[str, Any]) -> str:
    uses = f", {rendering['votes']}×" if rendering["votes"] else ""
    return f"{rendering['text']} ({rendering['lang']}, {rendering['status']}{uses})"


def _highlight(context: dict[str, Any]) -> str:
    sentence, start, end = context["sentence"], context["start"], context["end"]
    return f"{sentence[:start]}【{sentence[start:end]}】{sentence[end:]}"
