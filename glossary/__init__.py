"""glossary: turn Chinese technical writing with English mixed in into a bilingual glossary.

The public API is loaded on first use, so importing the package (and ``glossary --help``)
stays fast and never loads jieba.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__all__ = ["Entry", "ExtractOptions", "Extraction", "GlossaryError", "extract"]

if TYPE_CHECKING:
    from glossary.errors import GlossaryError
    from glossary.models import Entry
    from glossary.pipeline import Extraction, ExtractOptions, extract

_LAZY = {
    "extract": "glossary.pipeline",
    "ExtractOptions": "glossary.pipeline",
    "Extraction": "glossary.pipeline",
    "Entry": "glossary.models",
    "GlossaryError": "glossary.errors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'glossary' has no attribute {name!r}")
