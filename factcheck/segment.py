"""Split a Markdown or plain-text document into the sentences factcheck checks, with exact positions.

Every `Sentence` keeps the character offsets of its first and last character in the *original* text, so
`Document.position()` gives the 1-based line and column an editor shows (code points; CRLF, CR and LF all
end a line; a leading byte-order mark is not a column).

Markdown is parsed for its block structure only, with markdown-it-py (imported lazily): paragraphs, headings,
list items, block quotes and table cells are prose; fenced and indented code, HTML blocks, front matter and
link reference definitions are not. Inside prose, inline code, URLs, link targets, images, inline HTML and
comments are masked out before splitting, so they can neither be matched nor shift a position: masking
replaces characters one for one (a blank for a gap, `DELETED` for markup that joins its neighbours), and the
sentence text the matcher sees is built from the masked characters afterwards.

Plain text (`.txt`) is split into blocks at blank lines and list markers, and `.rst` adds a few
reStructuredText rules (literal blocks after `::`, directives and comments, ``inline literals``).
"""

from __future__ import annotations

import html
import re
import sys
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from .suppress import PLAIN_DIRECTIVE_RE

#: Stands for a character removed from the sentence text without leaving a gap (markup such as `**`).
DELETED = "\x00"

MARKDOWN, TEXT, RST = "markdown", "text", "rst"
SYNTAXES = (MARKDOWN, TEXT, RST)


@dataclass(frozen=True)
class Sentence:
    """One sentence: the text the matcher sees and where it stands in the original text."""

    text: str  # markup removed, white space collapsed to single spaces
    start: int  # offset of its first character in Document.text
    end: int  # offset just past its last character
    block: int  # index into Document.blocks


@dataclass(frozen=True)
class Block:
    """A unit of prose (paragraph, heading, list-item paragraph, table cell...), by 1-based line range."""

    start_line: int
    end_line: int  # inclusive
    kind: str


@dataclass(frozen=True)
class Comment:
    """An HTML comment in Markdown, where suppression directives live.

    `standalone` comments are HTML blocks of their own; `target` is then the line range of the block that
    follows them (the sibling at the same nesting level), or None when nothing follows.
    """

    text: str  # the text between `<!--` and `-->`, stripped
    line: int
    end_line: int
    standalone: bool
    target: tuple[int, int] | None = None


@dataclass(frozen=True)
class Document:
    """A segmented document: its text, sentences, prose blocks, comments and line table."""

    text: str
    syntax: str
    sentences: tuple[Sentence, ...]
    blocks: tuple[Block, ...]
    comments: tuple[Comment, ...]
    line_starts: tuple[int, ...]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based (line, column) of a character offset; columns count code points."""
        index = bisect_right(self.line_starts, offset) - 1
        if index < 0:
            return 1, 1
        return index + 1, offset - self.line_starts[index] + 1

    def line_of(self, offset: int) -> int:
        return max(bisect_right(self.line_starts, offset), 1)


# -- entry points --------------------------------------------------------------------------------------------

def segment(text: str, syntax: str = MARKDOWN, *, mdx: bool = False) -> Document:
    """Segment `text` as Markdown (`mdx` for MDX files), plain text or reStructuredText."""
    if syntax == MARKDOWN:
        return segment_markdown(text, mdx=mdx)
    if syntax in (TEXT, RST):
        return segment_plain(text, rst=syntax == RST)
    raise ValueError(f"unknown syntax {syntax!r}; expected one of {', '.join(SYNTAXES)}")


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def line_starts(text: str) -> tuple[int, ...]:
    """Offsets where each line starts. CRLF, CR and LF end lines; a leading BOM belongs to no column."""
    first = 1 if text.startswith("\ufeff") else 0
    return (first, *(m.end() for m in _LINE_BREAK.finditer(text)))


def _line_bounds(text: str, starts: tuple[int, ...], index: int) -> tuple[int, int]:
    """Start and end (before the line break) offsets of the 0-based line `index`."""
    start = starts[index]
    if index + 1 < len(starts):
        end = starts[index + 1] - 1
        if end > start and text[end] == "\n" and text[end - 1] == "\r":
            end -= 1
    else:
        end = len(text)
    return start, end


# -- sentence splitting --------------------------------------------------------------------------------------

# A terminator (., ?, !, …, or CJK 。！？), any closing quotes/brackets, then white space or the end.
_TERMINATOR = re.compile(
    "(?:[.!?]+|\u2026)[\"'\u201d\u2019\u00bb)\\]\x00*_]*(?=\\s|$)"
    "|[\u3002\uff01\uff1f]+[\"'\u201d\u2019\u300d\u300f)\\]\uff09\x00]*"
)
_WORD_BEFORE = re.compile(r"([^\s\x00(\[\"'\u201c\u2018]+)$")

# Abbreviations after which a period never ends a sentence.
_NEVER_END = frozenset("""
e.g eg i.e ie vs v cf approx ca mr mrs ms dr prof st jr sr fig figs eq eqs no nos vol vols pp p al
resp incl esp dept est min max avg nr ref refs sec ch viz
""".split())
# Abbreviations that may end a sentence: split only before a word that usually starts one.
_MAYBE_END = frozenset("""
u.s u.k u.n u.s.a e.u inc ltd co corp llc plc etc jan feb mar apr jun jul aug sep sept oct nov dec bros
""".split())
_STARTERS = frozenset("""
the a an it its this that these those they there their we our he she his her i in on at but and however so
yet if when while after before as for with what which who why how today now meanwhile also still then
""".split())
_TRANSPARENT = " \t\r\n\x00\"'\u201c\u2018(["


def _should_split(s: str, match: re.Match, n: int) -> bool:
    term = match.group()
    nxt = match.end()
    while nxt < n and s[nxt] in _TRANSPARENT:
        nxt += 1
    if nxt >= n:
        return True
    if term[0] in "\u3002\uff01\uff1f":
        return True
    following = s[nxt]
    if following.islower():
        return False
    if term.startswith("\u2026") or term.startswith("..."):
        return following.isupper()
    if not term.startswith(".") or term.startswith(".."):
        return True
    # A single period: an abbreviation, an initial or a figure?
    before = _WORD_BEFORE.search(s, max(0, match.start() - 40), match.start())
    if before is None:
        return True
    word = before.group(1).lower().strip("*_`")
    if word in _NEVER_END:
        return False
    if len(word) == 1 and word.isalpha():
        return False  # an initial: "J. Smith", "Plan B. ..." is rare
    if word in _MAYBE_END or re.fullmatch(r"(?:[a-z]\.)+[a-z]", word):
        m = re.match(r"[A-Za-z]+", s[nxt:nxt + 20])
        return bool(m) and m.group().lower() in _STARTERS
    return True


def split_sentences(s: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence ranges (start, end) of `s[start:end]`, trimmed of white space and deleted characters.

    Keeps "U.S. Commerce", "e.g. the", "5.5 million", "$5.58M", "V2.5" and "..." inside one sentence;
    splits after ".", "?", "!", closing quotes, and CJK full stops. A "sentence" longer than
    `MAX_SENTENCE_CHARS` (a run-on list, a minified dump, megabytes without a full stop) is cut into
    windows of at most that many characters, so the matcher never gets unbounded input.
    """
    end = len(s) if end is None else end
    out: list[tuple[int, int]] = []
    begin = start
    for match in _TERMINATOR.finditer(s, start, end):
        if _should_split(s, match, end):
            _emit(s, begin, match.end(), out)
            begin = match.end()
    _emit(s, begin, end, out)
    return out


_STRIP = " \t\r\n\x00\u00a0\u3000"


#: The longest sentence handed on whole; a longer one is cut into windows of at most this many characters.
MAX_SENTENCE_CHARS = 1000
# Where a window may end: after clause punctuation (before white space), else at white space.
_CLAUSE_END = re.compile("[,;:\u2013\u2014)\\]](?=\\s)|[\uff0c\uff1b\uff1a\u3001]")
_GAP = re.compile("\\s")


def _emit(s: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    # Trim what clean_text drops (any white space, \x1c-\x1f and U+2028 included), so positions start and
    # end on a character of the sentence.
    while a < b and (s[a] in _STRIP or s[a].isspace()):
        a += 1
    while b > a and (s[b - 1] in _STRIP or s[b - 1].isspace()):
        b -= 1
    if b - a > MAX_SENTENCE_CHARS:
        _emit_windows(s, a, b, out)
    elif b > a:
        out.append((a, b))


def _emit_windows(s: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    """Cut the over-long sentence s[a:b] into windows of at most MAX_SENTENCE_CHARS characters, each ending
    at the last clause punctuation of its second half, else its last white space, else (one enormous word)
    at the limit. Linear in the length; each window is trimmed like a sentence."""
    limit = MAX_SENTENCE_CHARS
    while b - a > limit:
        low, high = a + limit // 2, a + limit
        cut = None
        for pattern in (_CLAUSE_END, _GAP):
            for m in pattern.finditer(s, low, high):
                cut = m.end()
            if cut is not None:
                break
        if cut is None:
            cut = high
        _emit(s, a, cut, out)
        a = cut
    _emit(s, a, b, out)


_SPACES = re.compile(r"\s+")
_HAS_WORD = re.compile(r"\w")


_SPACE_BEFORE_PUNCT = re.compile(r" (?=[.,;:!?)\]](?:\s|$))")


def clean_text(masked: str) -> str:
    """The text the matcher sees: deleted characters dropped, white space collapsed."""
    # str.split() splits at exactly the characters `\s` matches (str.isspace), and drops the ends
    text = " ".join(masked.replace(DELETED, "").split())
    return _SPACE_BEFORE_PUNCT.sub("", text) if " " in text else text


# -- inline masking (shared by Markdown and plain text) ------------------------------------------------------

_NOT_BREAK = re.compile(r"[^\r\n]")


def _blank(m: re.Match) -> str:
    """Replace a match by blanks (line breaks kept): a gap between words."""
    return _NOT_BREAK.sub(" ", m.group())


def _delete(m: re.Match) -> str:
    """Replace a match by DELETED characters (line breaks kept): markup that joins its neighbours."""
    return _NOT_BREAK.sub(DELETED, m.group())

_URL_TAIL = ".,:;!?'\")]}*_~>"
_URL = re.compile(r"(?<![A-Za-z@/])(?:(?:https?|ftp|file)://|www\.)[^\s<>\"'`\x00]+", re.IGNORECASE)


def _blank_url(m: re.Match) -> str:
    url = m.group()
    keep = len(url)
    while keep and url[keep - 1] in _URL_TAIL:
        # A closing parenthesis that balances one inside the URL belongs to it (Wikipedia links).
        if url[keep - 1] == ")" and url[:keep].count("(") >= url[:keep].count(")"):
            break
        keep -= 1
    return " " * keep + url[keep:]


def mask_urls(s: str) -> str:
    return _URL.sub(_blank_url, s)


# Markdown inline constructs, in the order they are masked (earlier ones hide their text from later ones).
_CODE_SPAN = re.compile(r"(?<![`\\])(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+)>")
_LITERAL_TAG = re.compile(r"<(code|kbd|samp|var|pre|script|style|math|svg)\b[^>]*>.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
_INLINE_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_JOINING_TAGS = frozenset("a b i em strong span sup sub u s mark small abbr del ins font cite q strike tt big".split())
_IMAGE = re.compile(
    r"!\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
    r"(?:\(\s*(?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])?"
)
_LINK = re.compile(
    r"(?<![\\!])\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
    r"(\(\s*(?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])"
)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$|\\\[.+?\\\]|\\\(.+?\\\)", re.DOTALL)
# `$x$` is math, `$6M and $5.6M` is money: math must not start with a digit or space.
_INLINE_MATH = re.compile(r"(?<![\\$\w])\$(?=[^\s\d$])[^$\n]*?[^\s\\$]\$(?![\d$])")
_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# Emphasis delimiters: a run of `*`/`_` that opens or closes (touching white space, punctuation or an
# already-deleted character on one side); `~~` strike-through. `snake_case` and `2 * 3` stay.
_EMPHASIS = re.compile(
    r"~~"
    r"|(?<![^\s\x00])[*_]{1,3}(?![\s\x00])"
    r"|(?<![\s\x00])[*_]{1,3}(?![^\s\x00])"
    r"|(?<=[^\w\s])[*_]{1,3}(?=\w)"
    r"|(?<=\w)\*{1,3}(?=[^\w\s])"
    r"|(?<=[^\s*_])[*_]{1,3}(?=[^\w\s*_])"
)
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")
_TASK = re.compile(r"^\[[ xX]\](?=\s)|^\[!(?:NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]", re.IGNORECASE)
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|\n]*\|)?([^\]\n]*)\]\]")
_ATTRIBUTE_LIST = re.compile(r"\{:[^{}\n]*\}")


def _link_keep_text(m: re.Match) -> str:
    return DELETED + m.group(1) + _delete_text(m.group(2)) + DELETED


def _wiki_keep_label(m: re.Match) -> str:
    label = m.group(1)
    head = m.start(1) - m.start()
    return DELETED * head + label + DELETED * (len(m.group()) - head - len(label))


def _delete_text(s: str) -> str:
    return _NOT_BREAK.sub(DELETED, s)


def _entity(m: re.Match) -> str:
    decoded = html.unescape(m.group())
    if len(decoded) != 1:
        return m.group()
    if decoded.isspace():
        decoded = " "
    return decoded + DELETED * (len(m.group()) - 1)


def _tag(m: re.Match) -> str:
    return _delete(m) if m.group(1).lower() in _JOINING_TAGS else _blank(m)


def mask_markdown_inline(s: str, comments: list[tuple[int, int, str]] | None = None) -> str:
    """Mask the non-prose parts of a Markdown inline string, keeping its length.

    `comments`, when given, receives (start, end, inner text) of each HTML comment found.
    """
    if "`" in s:
        s = _CODE_SPAN.sub(_blank, s)
    if "<" in s:
        if comments is not None:
            for m in _HTML_COMMENT.finditer(s):
                comments.append((m.start(), m.end(), m.group(1)))
        s = _HTML_COMMENT.sub(_blank, s)
        s = _AUTOLINK.sub(_blank, s)
        s = _LITERAL_TAG.sub(_blank, s)
        s = _INLINE_TAG.sub(_tag, s)
    if "$" in s or "\\" in s:
        s = _DISPLAY_MATH.sub(_blank, s)
        s = _INLINE_MATH.sub(_blank, s)
    if "{:" in s:
        s = _ATTRIBUTE_LIST.sub(_blank, s)
    if "[" in s:
        if "[[" in s:
            s = _WIKI_LINK.sub(_wiki_keep_label, s)
        s = _IMAGE.sub(_blank, s)
        s = _FOOTNOTE_REF.sub(_delete, s)
        s = _LINK.sub(_link_keep_text, s)
        s = _TASK.sub(_delete, s)
    if "://" in s or "www." in s:
        s = mask_urls(s)
    if "\\" in s:
        s = _ESCAPE.sub(DELETED, s)
    if "*" in s or "_" in s or "~" in s:
        s = _EMPHASIS.sub(_delete, s)
    if "&" in s:
        s = _ENTITY.sub(_entity, s)
    return s


# -- Markdown ------------------------------------------------------------------------------------------------

#: How deep markdown-it nests containers (a list item counts twice: list and item). Its CommonMark preset
#: stops at 20 and silently drops what is deeper; each level costs a few Python frames (about 3 for a block
#: quote) and parse time grows with it, so the limit is raised only as far as is cheap and safe. Text deeper
#: still is segmented by `_deep_block` as plain text, from the source lines markdown-it gave up on.
MAX_NESTING = 32
_FRAMES_PER_LEVEL = 4
_FRAME_MARGIN = 100  # frames kept free below the recursion limit for what runs inside a parse
_DEEP = "factcheck_deep"  # env key: the line ranges markdown-it gave up on, with the first line's column


def _max_nesting() -> int:
    """MAX_NESTING, or less when the caller's stack leaves too little room for it (never below 2)."""
    depth = 0
    frame = sys._getframe()
    while frame is not None:
        depth += 1
        frame = frame.f_back
    room = (sys.getrecursionlimit() - depth - _FRAME_MARGIN) // _FRAMES_PER_LEVEL
    return max(2, min(MAX_NESTING, room))


@lru_cache(maxsize=4)
def _parser(max_nesting: int = MAX_NESTING):
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True, "maxNesting": max_nesting}).enable("table")
    # Only the block structure is needed: inline content is masked by the rules above, on the raw source.
    md.disable(["inline", "text_join"], ignoreInvalid=True)
    tokenize = md.block.tokenize

    def tokenize_or_record(state, start_line: int, end_line: int) -> None:
        """markdown-it's block tokenizer, except that at the nesting limit, instead of skipping to
        `end_line` (for a list item: the end of the whole list, often the document), it records the lines
        that belong to the container it is in and resumes after them."""
        if state.level < state.md.options.maxNesting:
            tokenize(state, start_line, end_line)
            return
        line = state.line = state.skipEmptyLines(start_line)
        if line >= end_line or state.sCount[line] < state.blkIndent:
            return
        end = line + 1
        blank = False
        while end < end_line:
            if state.isEmpty(end):
                blank = True
            elif blank and state.sCount[end] < state.blkIndent:
                break  # after a blank line, a line indented less ends the container
            else:
                blank = False
            end += 1
        first = state.bMarks[line] + state.tShift[line]
        column = first - (state.src.rfind("\n", 0, first) + 1)
        state.env.setdefault(_DEEP, []).append((line, end, column))
        state.line = end

    md.block.tokenize = tokenize_or_record
    return md


_FRONT_MATTER_OPEN = {"---": ("---", "..."), "+++": ("+++",)}
_MDX_STATEMENT = re.compile(r"^(?:import|export)\s")


def _front_matter_lines(text: str, starts: tuple[int, ...]) -> int:
    """How many lines of YAML (`---`) or TOML (`+++`) front matter open the document (0 when none)."""
    s, e = _line_bounds(text, starts, 0)
    closers = _FRONT_MATTER_OPEN.get(text[s:e].rstrip())
    if not closers:
        return 0
    for index in range(1, len(starts)):
        s, e = _line_bounds(text, starts, index)
        if text[s:e].rstrip() in closers:
            return index + 1
    return 0


class _Builder:
    """Collects sentences, blocks and comments while walking a document."""

    def __init__(self, text: str, starts: tuple[int, ...]):
        self.text = text
        self.starts = starts
        self.sentences: list[Sentence] = []
        self.blocks: list[Block] = []
        self.comments: list[Comment] = []

    def add_block(self, pieces: list[tuple[int, int, int]], masked: str, kind: str,
                  first_line: int, last_line: int) -> None:
        """Split the masked text of one block and map each sentence back to source offsets.

        `pieces` maps the masked string to the source: (masked offset, source offset, length) runs.
        """
        block = len(self.blocks)
        self.blocks.append(Block(first_line, last_line, kind))
        for a, b in split_sentences(masked):
            text = clean_text(masked[a:b])
            if not text or not _HAS_WORD.search(text):
                continue
            end = _to_source(pieces, b - 1) + 1
            if b < len(masked) and masked[b] == DELETED and self.text[end - 1:end] == "&":
                # the sentence ends on a decoded entity (`&eacute;` is masked as "é" + DELETED * 7): end past it
                m = _ENTITY.match(self.text, end - 1)
                if m is not None and masked[b:b + len(m.group()) - 1] == DELETED * (len(m.group()) - 1):
                    end = m.end()
            self.sentences.append(Sentence(text=text, start=_to_source(pieces, a), end=end, block=block))


def _to_source(pieces: list[tuple[int, int, int]], offset: int) -> int:
    """Map an offset in a masked string to the source, through its (masked, source, length) runs."""
    lo, hi = 0, len(pieces) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if pieces[mid][0] <= offset:
            lo = mid
        else:
            hi = mid - 1
    m_start, s_start, length = pieces[lo]
    return s_start + min(offset - m_start, max(length - 1, 0))


def segment_markdown(text: str, *, mdx: bool = False) -> Document:
    """Segment Markdown (CommonMark plus GitHub tables)."""
    starts = line_starts(text)
    builder = _Builder(text, starts)
    front = _front_matter_lines(text, starts)
    src = text[1:] if text.startswith("\ufeff") else text
    if front:
        cut = starts[front] - (1 if text.startswith("\ufeff") else 0) if front < len(starts) else len(src)
        src = "\n" * front + src[cut:]
    env: dict = {}
    tokens = _parser(_max_nesting()).parse(src, env)
    deep = env.get(_DEEP, [])
    deep.sort()
    d = 0
    n = len(tokens)
    for i, tok in enumerate(tokens):
        kind = tok.type
        while d < len(deep) and tok.map is not None and deep[d][0] <= tok.map[0]:
            _deep_block(builder, *deep[d])  # in document order, so blocks stay sorted by line
            d += 1
        if kind == "inline":
            parent = tokens[i - 1].type if i else ""
            if parent in ("th_open", "td_open") or tok.map is None:
                continue
            content = tok.content
            if mdx and parent == "paragraph_open" and _MDX_STATEMENT.match(content):
                continue
            _markdown_block(builder, content, tok.map, "heading" if parent == "heading_open" else "paragraph")
        elif kind == "tr_open" and tok.map is not None:
            _table_row(builder, tok.map[0])
        elif kind == "html_block" and tok.map is not None:
            _html_block(builder, tokens, i, n)
    for rest in deep[d:]:
        _deep_block(builder, *rest)
    return Document(text=text, syntax=MARKDOWN, sentences=tuple(builder.sentences), blocks=tuple(builder.blocks),
                    comments=tuple(builder.comments), line_starts=starts)


def _locate(line: str, content_line: str) -> int:
    """Where a line of inline content starts in its source line (content lines are mostly suffixes)."""
    stripped = content_line.rstrip()
    if not stripped:
        return len(line)
    body = line.rstrip()
    if body.endswith(stripped):
        return len(body) - len(stripped)
    pos = line.find(stripped)
    return pos


def _markdown_block(builder: _Builder, content: str, line_map: list[int], kind: str) -> None:
    text, starts = builder.text, builder.starts
    pieces: list[tuple[int, int, int]] = []
    content_lines = content.split("\n")
    masked_lines: list[str] = []
    m_offset = 0
    line_index = line_map[0]
    last_index = min(line_map[1], len(starts)) - 1
    for k, cl in enumerate(content_lines):
        # Find this content line in the next source line that holds it.
        source_pos = None
        while line_index <= last_index:
            s, e = _line_bounds(text, starts, line_index)
            line = text[s:e]
            line_index += 1
            pos = _locate(line, cl)
            if pos < 0:
                # A tab in the indentation may have been turned into spaces: match without the indentation.
                pos = _locate(line, cl.lstrip())
                if pos >= 0:
                    cl = cl.lstrip()
            if pos >= 0:
                source_pos = s + pos
                break
        if source_pos is None:
            return  # the content could not be mapped: never guess a position
        pieces.append((m_offset, source_pos, max(len(cl), 1)))
        masked_lines.append(cl)
        m_offset += len(cl) + 1
    comments: list[tuple[int, int, str]] = []
    masked = mask_markdown_inline("\n".join(masked_lines), comments)
    for a, b, inner in comments:
        start, end = _to_source(pieces, a), _to_source(pieces, b - 1)
        builder.comments.append(Comment(inner.strip(), _line_no(starts, start), _line_no(starts, end), False))
    first_line = _line_no(starts, pieces[0][1]) if pieces else line_map[0] + 1
    builder.add_block(pieces, masked, kind, first_line, line_map[1])


# The container markers that open a line nested deeper than markdown-it parses: block quote `>`, bullets,
# ordered-list numbers, and the white space between them. Always matches (possibly nothing), in linear time.
_CONTAINER_PREFIX = re.compile(r"(?:[ \t]*(?:>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)))*[ \t]*")
_FENCE_LINE = re.compile(r"(`{3,}|~{3,})")
_LIST_MARKER = re.compile(r"[-+*\d]")


def _deep_block(builder: _Builder, first: int, end: int, column: int) -> None:
    """Segment the 0-based source lines [first, end) that markdown-it left unparsed (nested deeper than its
    limit) as plain text: container markers are stripped from each line (on the first line, from `column`,
    where markdown-it stopped), fenced code is skipped, and blank lines separate paragraphs."""
    text, starts = builder.text, builder.starts
    end = min(end, len(starts))
    lines: list[tuple[int, int, int]] = []  # (0-based line, content start, content end) of one paragraph
    fence: str | None = None

    def flush() -> None:
        if not lines:
            return
        pieces: list[tuple[int, int, int]] = []
        parts: list[str] = []
        m_offset = 0
        for _, a, b in lines:
            pieces.append((m_offset, a, max(b - a, 1)))
            parts.append(text[a:b])
            m_offset += b - a + 1
        comments: list[tuple[int, int, str]] = []
        masked = mask_markdown_inline("\n".join(parts), comments)
        for a, b, inner in comments:
            start, stop = _to_source(pieces, a), _to_source(pieces, b - 1)
            builder.comments.append(Comment(inner.strip(), _line_no(starts, start), _line_no(starts, stop), False))
        builder.add_block(pieces, masked, "paragraph", lines[0][0] + 1, lines[-1][0] + 1)
        lines.clear()

    for index in range(first, end):
        s, e = _line_bounds(text, starts, index)
        if index == first:
            s = min(s + column, e)
        a = _CONTAINER_PREFIX.match(text, s, e).end()
        if lines and _LIST_MARKER.search(text, s, a):
            flush()  # a list item starts a paragraph of its own
        b = e
        while b > a and text[b - 1] in " \t":
            b -= 1
        fenced = _FENCE_LINE.match(text, a, b)
        if fence is not None:
            if fenced and fenced.group(1)[0] == fence[0] and len(fenced.group(1)) >= len(fence) \
                    and not text[fenced.end():b].strip():
                fence = None
            continue
        if fenced and (fenced.group(1)[0] == "~" or "`" not in text[fenced.end():b]):  # an opening fence
            flush()
            fence = fenced.group(1)
            continue
        if a >= b:
            flush()
            continue
        lines.append((index, a, b))
    flush()


def _line_no(starts: tuple[int, ...], offset: int) -> int:
    return max(bisect_right(starts, offset), 1)


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def _table_row(builder: _Builder, index: int) -> None:
    """Each cell of a table row is a block of its own."""
    text, starts = builder.text, builder.starts
    if index >= len(starts):
        return
    s, e = _line_bounds(text, starts, index)
    line = text[s:e]
    # Code spans may hold pipes only when escaped, as in GitHub's tables, so a plain split is right.
    bounds = [-1] + [m.start() for m in _CELL_SPLIT.finditer(line)] + [len(line)]
    for a, b in zip(bounds, bounds[1:]):
        cell = line[a + 1:b]
        if not cell.strip():
            continue
        masked = mask_markdown_inline(cell)
        builder.add_block([(0, s + a + 1, len(cell))], masked, "table-cell", index + 1, index + 1)


def _blank_line(builder: _Builder, index: int) -> bool:
    if index >= len(builder.starts):
        return True
    s, e = _line_bounds(builder.text, builder.starts, index)
    return not builder.text[s:e].strip()


def _html_block(builder: _Builder, tokens: list, i: int, n: int) -> None:
    """HTML blocks are not prose, but their comments may carry directives."""
    tok = tokens[i]
    content = tok.content
    if "<!--" not in content:
        return
    first = tok.map[0]
    standalone = not _HTML_COMMENT.sub("", content).strip()
    target = None
    if standalone:
        level = tok.level
        for j in range(i + 1, n):
            nxt = tokens[j]
            if nxt.level < level:
                break
            if nxt.level != level or nxt.nesting == -1:
                continue
            if nxt.type == "html_block" and not _HTML_COMMENT.sub("", nxt.content).strip():
                continue  # stacked directive comments share the block that follows them
            if nxt.map is not None:
                last = nxt.map[1]
                while last > nxt.map[0] + 1 and _blank_line(builder, last - 1):
                    last -= 1  # lists and quotes may end with blank lines
                target = (nxt.map[0] + 1, last)
            break
    for m in _HTML_COMMENT.finditer(content):
        line = first + 1 + content.count("\n", 0, m.start())
        end_line = first + 1 + content.count("\n", 0, m.end())
        builder.comments.append(Comment(m.group(1).strip(), line, end_line, standalone, target))


# -- plain text and reStructuredText -------------------------------------------------------------------------

_BULLET = re.compile(r"^[ \t]*(?:[-*+\u2022\u2023\u25e6]|\d{1,3}[.)])[ \t]+")
_ADORNMENT = re.compile(r"^[ \t]*([=\-~^\"'`#*+_:.])\1{2,}[ \t]*$")
_RST_LITERAL = re.compile(r"``.+?``", re.DOTALL)
_RST_ROLE = re.compile(r":[A-Za-z][\w.+-]*:`[^`]*`")
_RST_LINK = re.compile(r"`([^`<]*?)\s*<[^`>]*>`__?")
_RST_INTERPRETED = re.compile(r"`([^`]+)`_{0,2}")


def _plain_lines(text: str, starts: tuple[int, ...]) -> list[tuple[int, int]]:
    return [_line_bounds(text, starts, k) for k in range(len(starts))]


def segment_plain(text: str, *, rst: bool = False) -> Document:
    """Segment plain text: blocks at blank lines and list items; `rst` adds reStructuredText rules."""
    starts = line_starts(text)
    builder = _Builder(text, starts)
    lines = _plain_lines(text, starts)
    block: list[int] = []  # indices of the lines of the current block
    skip_indented_after = -1  # rst: indentation of a literal block or directive being skipped
    literal_next = False

    def flush() -> None:
        if block:
            _plain_block(builder, lines, block, rst)
            block.clear()

    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        blank = not line.strip()
        indent = len(line) - len(line.lstrip(" \t"))
        if rst:
            if skip_indented_after >= 0:
                if blank or indent > skip_indented_after:
                    continue
                skip_indented_after = -1
            if not blank and line.lstrip().startswith(".. "):
                flush()
                skip_indented_after = indent  # a directive or comment, and its indented body
                continue
            if literal_next and not blank and indent > 0:
                flush()
                literal_next = False
                skip_indented_after = 0
                continue
            if not blank:
                literal_next = False
            if _ADORNMENT.match(line):
                flush()
                continue
        if blank or (("factcheck" in line or "FACTCHECK" in line.upper()) and _is_directive_line(line)):
            flush()
            continue
        if _BULLET.match(line) and block:
            flush()
        block.append(k)
        if rst and line.rstrip().endswith("::"):
            flush()
            literal_next = True
    flush()
    return Document(text=text, syntax=RST if rst else TEXT, sentences=tuple(builder.sentences),
                    blocks=tuple(builder.blocks), comments=(), line_starts=starts)


def _is_directive_line(line: str) -> bool:
    """A line holding nothing but a suppression directive separates blocks, like a blank line."""
    stripped = line.strip()
    m = PLAIN_DIRECTIVE_RE.match(stripped)
    return bool(m) and m.end() == len(stripped)


def _plain_block(builder: _Builder, lines: list[tuple[int, int]], block: list[int], rst: bool) -> None:
    text = builder.text
    s = lines[block[0]][0]
    e = lines[block[-1]][1]
    raw = text[s:e]
    masked = raw
    if "factcheck" in masked or "FACTCHECK" in masked.upper():
        masked = PLAIN_DIRECTIVE_RE.sub(_blank, masked)
    masked = _BULLET_ANY.sub(_blank, masked)
    if rst:
        masked = _RST_LITERAL.sub(_blank, masked)
        masked = _RST_ROLE.sub(_blank, masked)
        masked = _RST_LINK.sub(lambda m: DELETED + m.group(1) + DELETED * (len(m.group()) - len(m.group(1)) - 1), masked)
        masked = _RST_INTERPRETED.sub(lambda m: DELETED + m.group(1) + DELETED * (len(m.group()) - len(m.group(1)) - 1),
                                      masked)
    masked = mask_urls(masked)
    if rst:
        masked = _EMPHASIS.sub(_delete, masked)
    builder.add_block([(0, s, len(raw))], masked, "paragraph", block[0] + 1, block[-1] + 1)


_BULLET_ANY = re.compile(r"(?m)^[ \t]*(?:[-*+\u2022\u2023\u25e6]|\d{1,3}[.)])[ \t]+")
