"""Numbers more than one part of the tool relies on, in a module cheap enough for the command
line to import before it has parsed its arguments."""

from __future__ import annotations

# Sentences an entry keeps in the glossary (glossary.merge), and the fewest extraction keeps
# per term when fewer are written (glossary extract --max-contexts N): the entry types read
# the words after each kept occurrence, and this many give them enough to go on.
CONTEXTS_PER_ENTRY = 20
