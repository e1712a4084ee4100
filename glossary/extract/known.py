"""Terms known in advance (the curated terms files): every place the text uses one.

Curated terms are found whatever their termhood score, so a curated entry always gets its
counts and sentences, and a deprecated or forbidden rendering is caught where it is used.
Matching is on width-folded, Simplified text; Latin is matched without regard to case or to
a hyphen/space difference, and never inside a longer Latin word (``AI`` in ``OpenAI``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from glossary.text import fold_width, simplified_same_length


class KnownTerms:
    """A matcher for a fixed set of surfaces, longest first."""

    def __init__(self, surfaces: Iterable[str]) -> None:
        forms = {simplified_same_length(fold_width(s.strip())) for s in surfaces if s.strip()}
        self.surfaces = frozenset(forms)
        alternatives = [_pattern(s) for s in sorted(forms, key=lambda s: (-len(s), s))]
        self._regex = re.compile("|".join(alternatives), re.IGNORECASE) if alternatives else None

    def spans(self, analysed: str) -> Iterator[tuple[int, int]]:
        """Spans of known terms in a folded (and Simplified) sentence, left to right.

        >>> known = KnownTerms(["Scaling Law", "智能体", "AI"])
        >>> text = "OpenAI的scaling-law与智能体,AI"
        >>> [text[s:e] for s, e in known.spans(text)]
        ['scaling-law', '智能体', 'AI']
        """
        if self._regex is None:
            return
        for match in self._regex.finditer(analysed):
            if match.end() > match.start():
                yield match.span()


def _pattern(surface: str) -> str:
    body = "".join(r"[\s\-]?" if char in " -" else re.escape(char) for char in surface)
    if surface[0].isascii() and surface[0].isalnum():
        body = r"(?<![A-Za-z0-9])" + body
    if surface[-1].isascii() and surface[-1].isalnum():
        body += r"(?![A-Za-z0-9])"
    return body
