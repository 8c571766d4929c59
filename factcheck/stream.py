"""Lint a document of any size in bounded memory: cut it into chunks at block boundaries, lint each chunk.

`factcheck lint -` may be fed gigabytes. The text arrives in pieces (see `inputs.iter_text`);
`BlockSplitter` cuts it into chunks of about `CHUNK_CHARS` characters, only where cutting cannot change
what the linter finds:

* after a blank line and before a line that starts at column 0 (so no paragraph, list item, block quote,
  indented code or table is cut, and every container has ended);
* not inside fenced code, YAML/TOML front matter, or an HTML block that may hold blank lines (`<!--`,
  `<pre>`, `<script>`, `<style>`, `<textarea>`, `<?`, `<!X`, `<![CDATA[`);
* not before a list item (a loose list stays one block for `<!-- factcheck: ignore -->`), nor before
  `---`/`+++` (a chunk starting with one would read as front matter);
* not right after a block that holds a suppression directive (an `ignore` on its own line silences the
  block that follows it).

A `factcheck: off` that is still open at the end of a chunk is carried into the next one (as directive lines
put before it, which the line numbers then skip), so suppressions behave as in the whole document. Each
chunk's findings get the chunk's line offset: positions are those of the whole input.

A chunk that finds no safe place to cut grows up to `MAX_CHUNK_CHARS`, then is cut at its last blank line
(or line break): only a document with no safe cut in 8 MB (one fenced block, one giant list) is linted in
pieces that might differ from the whole; a single line is never cut.

Pure: no I/O. `lint_stream(pieces, path, matcher, options)` yields each chunk's findings, in order.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .segment import MARKDOWN, segment

if TYPE_CHECKING:
    from .linter import LintOptions
    from .matcher import Matcher
    from .model import Finding

#: Cut the text into chunks of about this many characters (at the first safe place after it).
CHUNK_CHARS = 1 << 20
#: A chunk with no safe cut is cut anyway at this size (at its last blank line, else its last line break).
MAX_CHUNK_CHARS = 8 << 20

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)")
_FENCE = re.compile(r" {0,3}(`{3,}|~{3,})(.*)")
_FENCE_CLOSE = re.compile(r" {0,3}(`{3,}|~{3,})[ \t]*")
#: HTML blocks that may hold blank lines (CommonMark kinds 1-5) and what ends them, as markdown-it has them.
_HTML_OPEN = re.compile(r" {0,3}<(?:(?P<raw>(?:script|pre|style|textarea)(?=[\s>]|$))|(?P<comment>!--)|(?P<pi>\?)"
                        r"|(?P<cdata>!\[CDATA\[)|(?P<decl>![A-Za-z]))", re.IGNORECASE)
_HTML_CLOSE = {"raw": re.compile(r"</(?:script|pre|style|textarea)>", re.IGNORECASE), "comment": re.compile("-->"),
               "pi": re.compile(r"\?>"), "cdata": re.compile(r"\]\]>"), "decl": re.compile(">")}
_LIST_ITEM = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)")
_DIRECTIVE = re.compile(r"factcheck", re.IGNORECASE)
_FRONT_MATTER = {"---": ("---", "..."), "+++": ("+++",)}


class BlockSplitter:
    """Cuts text fed in arbitrary pieces into (chunk, first_line) at block boundaries.

    `first_line` is the number of lines before the chunk (0 for the first). Line breaks are CRLF, CR or LF,
    as in `segment.line_starts`. Concatenating the chunks gives back the text exactly.
    """

    def __init__(self, syntax: str = MARKDOWN, target: int = CHUNK_CHARS, limit: int = MAX_CHUNK_CHARS):
        self.markdown = syntax == MARKDOWN
        self.target = max(1, target)
        self.limit = max(self.target, limit)
        self._partial: list[str] = []  # text after the last line break (a trailing CR waits for a possible LF)
        self._lines: list[str] = []  # complete lines of the chunk being built
        self._size = 0
        self._emitted_lines = 0
        self._line_no = 0  # lines seen so far
        self._prev_blank = False
        self._directive_in_block = False  # the current block (since the last blank line) holds "factcheck"
        self._guard = False  # the last block before the blank lines held a directive
        self._block_start = True  # the next non-blank line starts a block
        self._comment_block = False  # the current block starts with an HTML comment
        self._fence: tuple[str, int] | None = None
        self._html: re.Pattern | None = None  # what ends an open HTML block that may span blank lines
        self._front: tuple[str, ...] | None = None  # closers of open front matter

    # -- feeding ---------------------------------------------------------------------------------------------

    def feed(self, text: str) -> list[tuple[str, int]]:
        """Add text; returns the chunks completed by it."""
        if not text:
            return []
        if "\n" not in text and "\r" not in text:
            self._partial.append(text)  # the middle of a long line: a line is never cut, so just keep it
            return []
        data = "".join(self._partial) + text
        out: list[tuple[str, int]] = []
        end = 0
        for m in _LINE.finditer(data):
            line = m.group()
            if line.endswith("\r") and m.end() == len(data):
                break  # maybe the first half of a CRLF split between two pieces
            end = m.end()
            self._add(line, out)
        self._partial = [data[end:]] if end < len(data) else []
        return out

    def close(self) -> list[tuple[str, int]]:
        """The last chunk (the rest of the text), if any."""
        out: list[tuple[str, int]] = []
        rest = "".join(self._partial)
        self._partial = []
        if rest:  # one last line: without a line break, or ending with a CR
            self._add(rest, out)
        if self._lines:
            out.append(self._flush(len(self._lines)))
        return out

    # -- deciding where to cut ----------------------------------------------------------------------------------

    def _add(self, line: str, out: list[tuple[str, int]]) -> None:
        body = line.rstrip("\r\n")
        blank = not body.strip(" \t") if self.markdown else not body.strip()
        if (self._size >= self.target and self._prev_blank and not blank and self._safe_start(body)
                and self._fence is None and self._html is None and self._front is None and not self._guard):
            out.append(self._flush(len(self._lines)))
        self._lines.append(line)
        self._size += len(line)
        self._track(body, blank)
        self._line_no += 1
        if self._size >= self.limit and self._lines:
            out.append(self._forced_cut())

    def _safe_start(self, body: str) -> bool:
        first = body[:1]
        if first in (" ", "\t", "\ufeff"):
            return False
        if self.markdown:
            stripped = body.rstrip()
            if stripped in _FRONT_MATTER or _LIST_ITEM.match(body):
                return False
        return True

    def _track(self, body: str, blank: bool) -> None:
        if self._line_no == 0 and self.markdown:
            closers = _FRONT_MATTER.get(body.lstrip("\ufeff").rstrip())
            if closers:
                self._front = closers
                self._prev_blank = False
                return
        if self._front is not None:
            if body.rstrip() in self._front:
                self._front = None
            self._prev_blank = False
            return
        if blank:
            if not self._prev_blank:
                # A directive silences the block after it, and stacked comments share that block.
                self._guard = self._directive_in_block or (self._guard and self._comment_block)
            self._directive_in_block = False
            self._prev_blank = True
            self._block_start = True
            return
        self._prev_blank = False
        if self._block_start:
            self._comment_block = body.lstrip(" ").startswith("<!--")
            self._block_start = False
        if _DIRECTIVE.search(body):
            self._directive_in_block = True
        if not self.markdown:
            return
        if self._fence is not None:
            m = _FENCE_CLOSE.fullmatch(body)
            if m and m.group(1)[0] == self._fence[0] and len(m.group(1)) >= self._fence[1]:
                self._fence = None
            return
        if self._html is not None:
            if self._html.search(body):
                self._html = None
            return
        m = _FENCE.match(body)
        if m and not (m.group(1)[0] == "`" and "`" in m.group(2)):
            self._fence = (m.group(1)[0], len(m.group(1)))
            return
        m = _HTML_OPEN.match(body)
        if m:
            closer = _HTML_CLOSE[m.lastgroup]
            if not closer.search(body):  # markdown-it looks for the end on the opening line too
                self._html = closer

    # -- cutting -----------------------------------------------------------------------------------------------

    def _flush(self, count: int) -> tuple[str, int]:
        lines, self._lines = self._lines[:count], self._lines[count:]
        chunk = "".join(lines)
        first = self._emitted_lines
        self._emitted_lines += len(lines)
        self._size -= len(chunk)
        return chunk, first

    def _forced_cut(self) -> tuple[str, int]:
        """No safe cut within the limit: cut after the last blank line, else before the last line."""
        blank = (lambda s: not s.strip(" \t\r\n")) if self.markdown else (lambda s: not s.strip())
        for k in range(len(self._lines) - 1, 0, -1):
            if blank(self._lines[k - 1]) and not blank(self._lines[k]):
                return self._flush(k)
        return self._flush(max(len(self._lines) - 1, 1))


def split_blocks(text: str, syntax: str = MARKDOWN, target: int = CHUNK_CHARS,
                 limit: int = MAX_CHUNK_CHARS) -> list[tuple[str, int]]:
    """`text` cut as `BlockSplitter` cuts it: [(chunk, first_line), ...]."""
    splitter = BlockSplitter(syntax, target, limit)
    return splitter.feed(text) + splitter.close()


# -- linting -------------------------------------------------------------------------------------------------

def _open_offs(doc) -> list[frozenset[str]]:
    """The claim-id sets of the `factcheck: off` directives still open at the end of a document."""
    from .suppress import find_suppressions

    return [rule.claim_ids for rule in find_suppressions(doc).rules
            if rule.directive == "off" and rule.end_line >= 10**9]


def _prefix(offs: list[frozenset[str]], markdown: bool) -> str:
    lines = []
    for ids in offs:
        words = " ".join(["factcheck: off", *sorted(ids)])
        lines.append(f"<!-- {words} -->\n" if markdown else f"{words}\n")
    return "".join(lines) + "\n" if lines else ""


def lint_chunks(chunks: Iterable[tuple[str, int]], path: str, matcher: Matcher,
                options: LintOptions | None = None) -> Iterator[list[Finding]]:
    """Lint consecutive chunks of one document (as cut by `BlockSplitter`): each chunk's findings, with
    the positions of the whole document, and `factcheck: off` carried from one chunk to the next."""
    from .linter import LintOptions, lint_document, syntax_for

    options = options or LintOptions()
    syntax = options.syntax or syntax_for(path)
    mdx = path.lower().endswith(".mdx")
    offs: list[frozenset[str]] = []
    for chunk, first_line in chunks:
        prefix = _prefix(offs, syntax == MARKDOWN)
        doc = segment(prefix + chunk, syntax, mdx=mdx)
        found = lint_document(doc, path, matcher, options)
        shift = first_line - prefix.count("\n")
        if shift:
            found = [dataclasses.replace(f, line=f.line + shift, end_line=f.end_line + shift) for f in found]
        offs = _open_offs(doc) if "factcheck" in chunk.lower() or offs else []
        yield found


def lint_stream(pieces: Iterable[str], path: str, matcher: Matcher, options: LintOptions | None = None, *,
                target: int = CHUNK_CHARS, limit: int = MAX_CHUNK_CHARS) -> Iterator[list[Finding]]:
    """Lint a document that arrives in pieces of text (of any size), in bounded memory: the findings of
    each chunk as it is complete. For a document shorter than `target` this is `lint_text` exactly."""
    from .linter import LintOptions, syntax_for

    options = options or LintOptions()
    splitter = BlockSplitter(options.syntax or syntax_for(path), target, limit)

    def chunks() -> Iterator[tuple[str, int]]:
        for piece in pieces:
            yield from splitter.feed(piece)
        yield from splitter.close()

    yield from lint_chunks(chunks(), path, matcher, options)
