"""Inline suppressions: the lines, and the claims, an author silenced in the document itself.

Markdown uses HTML comments, which do not render:

* `<!-- factcheck: ignore -->` on a line of its own silences the next block (paragraph, list, table,
  quote, heading); written inside a paragraph, it silences the lines it stands on;
* `<!-- factcheck: ignore claim-id other-id -->` does the same for those claims only;
* `<!-- factcheck: off -->` ... `<!-- factcheck: on -->` silences everything in between (`off` may name
  claim ids too; `on` ends every open `off`; an `off` that is never closed runs to the end of the file).

Plain text and reStructuredText use the same words at the end of a line, after any comment marker:
`... cost $6M.  # factcheck: ignore`. A line holding nothing but the directive (`.. factcheck: ignore`)
silences the next block; `factcheck: off` / `factcheck: on` lines work as in Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .segment import Document

#: A directive in the text of a comment: `factcheck: ignore [claim-id ...]`, `factcheck: off`, `factcheck: on`.
DIRECTIVE_RE = re.compile(r"^\s*factcheck\s*:\s*(ignore|off|on)\b\s*(.*?)\s*$", re.IGNORECASE | re.DOTALL)
#: A directive at the end of a line of plain text: an optional comment marker, the keyword, then claim ids
#: up to the end of the line.
PLAIN_DIRECTIVE_RE = re.compile(
    r"(?:(?:#+|//|--|;+|\.\.|<!--|/\*|%)[ \t]*)?"
    r"\bfactcheck[ \t]*:[ \t]*(?:ignore|off|on)\b(?:[ \t,]+[A-Za-z0-9][\w.-]*)*[ \t]*(?:-->|\*/)?[ \t]*(?=[\r\n]|\Z)",
    re.IGNORECASE,
)
_IDS_SPLIT = re.compile(r"[\s,]+")
_COMMENT_CLOSERS = re.compile(r"(?:-->|\*/)\s*$")
_EVERY_LINE = 10**9


@dataclass(frozen=True)
class Suppression:
    """Findings whose sentence touches lines start_line..end_line (1-based, inclusive) are silenced."""

    start_line: int
    end_line: int
    claim_ids: frozenset[str] = frozenset()  # empty: every claim
    directive: str = "ignore"  # "ignore" or "off"
    line: int = 0  # where the directive was written


@dataclass(frozen=True)
class Suppressions:
    """Every suppression of one document."""

    rules: tuple[Suppression, ...] = ()

    def covers(self, start_line: int, end_line: int, claim_id: str) -> bool:
        """True when a finding for `claim_id` on lines start_line..end_line is silenced."""
        for rule in self.rules:
            if rule.start_line <= end_line and start_line <= rule.end_line:
                if not rule.claim_ids or claim_id in rule.claim_ids:
                    return True
        return False

    def __bool__(self) -> bool:
        return bool(self.rules)


def parse_directive(text: str) -> tuple[str, frozenset[str]] | None:
    """`factcheck: ignore a b` -> ("ignore", {"a", "b"}); None when the text is not a directive."""
    m = DIRECTIVE_RE.match(text)
    if not m:
        return None
    rest = _COMMENT_CLOSERS.sub("", m.group(2)).strip()
    ids = frozenset(t for t in _IDS_SPLIT.split(rest) if t) if rest else frozenset()
    return m.group(1).lower(), ids


class _Regions:
    """Turns a sequence of directives (in document order) into suppressions."""

    def __init__(self) -> None:
        self.rules: list[Suppression] = []
        self.open: list[tuple[int, frozenset[str]]] = []

    def add(self, kind: str, ids: frozenset[str], line: int, end_line: int,
            target: tuple[int, int] | None) -> None:
        if kind == "ignore":
            if target is not None:
                self.rules.append(Suppression(target[0], target[1], ids, "ignore", line))
        elif kind == "off":
            self.open.append((line, ids))
        else:  # on
            for start, open_ids in self.open:
                self.rules.append(Suppression(start, end_line, open_ids, "off", start))
            self.open.clear()

    def result(self) -> Suppressions:
        for start, ids in self.open:
            self.rules.append(Suppression(start, _EVERY_LINE, ids, "off", start))
        self.open.clear()
        return Suppressions(tuple(self.rules))


def find_suppressions(doc: Document) -> Suppressions:
    """The suppressions written in a segmented document (Markdown comments or plain-text directives)."""
    regions = _Regions()
    if doc.syntax == "markdown":
        for comment in doc.comments:
            parsed = parse_directive(comment.text)
            if parsed is None:
                continue
            kind, ids = parsed
            target = comment.target if comment.standalone else (comment.line, comment.end_line)
            regions.add(kind, ids, comment.line, comment.end_line, target)
        return regions.result()
    text = doc.text
    for m in PLAIN_DIRECTIVE_RE.finditer(text):
        line = doc.line_of(m.start())
        body = m.group()
        parsed = parse_directive(body[body.lower().index("factcheck"):])
        if parsed is None:
            continue
        kind, ids = parsed
        line_start = doc.line_starts[line - 1]
        alone = not text[line_start:m.start()].strip()
        target: tuple[int, int] | None = (line, line)
        if alone and kind == "ignore":
            target = next(((b.start_line, b.end_line) for b in doc.blocks if b.start_line > line), None)
        regions.add(kind, ids, line, line, target)
    return regions.result()
