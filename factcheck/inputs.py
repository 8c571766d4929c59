"""Find the files to lint and read them: paths, directories, `-` for stdin; strict decoding, clear errors.

This module and the command are the only places that touch the file system for `factcheck lint`.
Directories are walked recursively for the default extensions, skipping hidden entries and whatever the
`.gitignore` files from the repository root down say (git itself is not run). Files named explicitly are
linted whatever their extension. `exclude` globs (gitignore syntax, relative to `exclude_root`) apply to
everything.
"""

from __future__ import annotations

import codecs
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

DEFAULT_EXTENSIONS: tuple[str, ...] = (".md", ".markdown", ".mdx", ".txt", ".rst")
STDIN = "-"
STDIN_NAME = "<stdin>"


class InputError(Exception):
    """An input that cannot be linted: missing, unreadable, binary or undecodable. One line, naming it."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Source:
    """One input to lint: its display path and where to read it (None for standard input)."""

    path: str
    file: Path | None


# -- gitignore-style patterns --------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Pattern:
    regex: re.Pattern
    negate: bool
    dir_only: bool


def _glob_to_regex(glob: str) -> str:
    """Translate one gitignore glob (without `!`, leading/trailing `/`) to a regex over a relative path."""
    out: list[str] = []
    i, n = 0, len(glob)
    while i < n:
        c = glob[i]
        if c == "*":
            if glob[i:i + 2] == "**":
                before_ok = i == 0 or glob[i - 1] == "/"
                after = glob[i + 2:i + 3]
                if before_ok and after == "/":
                    out.append("(?:.*/)?")
                    i += 3
                    continue
                if before_ok and after == "":
                    out.append(".*")
                    i += 2
                    continue
                out.append("[^/]*")
                i += 2
                continue
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = glob.find("]", i + 2 if glob[i + 1:i + 2] in ("!", "^") else i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = glob[i + 1:j]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        elif c == "\\" and i + 1 < n:
            i += 1
            out.append(re.escape(glob[i]))
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)


def compile_patterns(lines: list[str] | tuple[str, ...]) -> tuple[_Pattern, ...]:
    """Compile gitignore lines (comments, blanks, `!negation`, `dir/`, `/anchored`, `**`)."""
    patterns = []
    for raw in lines:
        line = raw.rstrip("\n\r")
        if not line.strip() or line.startswith("#"):
            continue
        if not line.endswith("\\ "):
            line = line.rstrip()
        negate = line.startswith("!")
        if negate:
            line = line[1:]
        if line.startswith("\\#") or line.startswith("\\!"):
            line = line[1:]
        dir_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        body = _glob_to_regex(line)
        prefix = "" if anchored else "(?:.*/)?"
        patterns.append(_Pattern(re.compile(f"^{prefix}{body}$", re.DOTALL), negate, dir_only))
    return tuple(patterns)


def _matches(patterns: tuple[_Pattern, ...], relative: str, is_dir: bool) -> bool | None:
    """True (ignored), False (re-included by `!`) or None (no pattern applies); the last match wins."""
    verdict = None
    for p in patterns:
        if p.dir_only and not is_dir:
            continue
        if p.regex.match(relative):
            verdict = not p.negate
    return verdict


class _IgnoreRules:
    """The .gitignore files that apply under a directory, read as the walk goes down."""

    def __init__(self) -> None:
        self._cache: dict[Path, tuple[_Pattern, ...]] = {}

    def patterns_in(self, directory: Path) -> tuple[_Pattern, ...]:
        cached = self._cache.get(directory)
        if cached is None:
            try:
                text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
            except OSError:
                cached = ()
            else:
                cached = compile_patterns(text.splitlines())
            self._cache[directory] = cached
        return cached

    def ignored(self, path: Path, is_dir: bool, chain: list[Path]) -> bool:
        """Whether `path` is ignored by the .gitignore files of the directories in `chain` (root first)."""
        verdict = None
        for directory in chain:
            patterns = self.patterns_in(directory)
            if not patterns:
                continue
            try:
                relative = path.relative_to(directory).as_posix()
            except ValueError:
                continue
            v = _matches(patterns, relative, is_dir)
            if v is not None:
                verdict = v
        return bool(verdict)


def _repo_root(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return None


# -- discovery -----------------------------------------------------------------------------------------------

def discover(paths: list[str], *, exclude: list[tuple[Path, list[str] | tuple[str, ...]]] | None = None,
             extensions: tuple[str, ...] = DEFAULT_EXTENSIONS) -> tuple[list[Source], list[InputError]]:
    """The sources to lint, in order, and the paths that could not be used (one error each).

    `exclude` lists (root, globs) pairs: gitignore-style globs matched against paths relative to the root.
    """
    excluded = [(Path(os.path.abspath(root)), compile_patterns(list(globs))) for root, globs in (exclude or []) if globs]
    rules = _IgnoreRules()
    sources: list[Source] = []
    errors: list[InputError] = []
    seen: set[str] = set()
    exts = tuple(e.lower() for e in extensions)

    def is_excluded(path: Path, is_dir: bool) -> bool:
        if not excluded:
            return False
        absolute = Path(os.path.abspath(path))
        for root, patterns in excluded:
            try:
                relative = absolute.relative_to(root).as_posix()
            except ValueError:
                continue
            if _matches(patterns, relative, is_dir):
                return True
        return False

    def add(path: Path, display: str) -> None:
        key = os.path.normcase(os.path.abspath(display))
        if key not in seen:
            seen.add(key)
            sources.append(Source(display, path))

    for arg in paths:
        if arg == STDIN:
            if STDIN not in seen:
                seen.add(STDIN)
                sources.append(Source(STDIN_NAME, None))
            continue
        path = Path(arg)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            errors.append(InputError(arg, _os_reason(exc)))
            continue
        if not exists:
            errors.append(InputError(arg, "no such file or directory"))
            continue
        if is_excluded(path, is_dir):
            continue
        if not is_dir:
            add(path, arg)
            continue
        absolute = path.resolve()
        repo = _repo_root(absolute)
        # .gitignore files count from the repository root down (only the walked directory outside a repo).
        chain = [absolute] if repo is None else [
            d for d in reversed((absolute, *absolute.parents)) if d == repo or repo in d.parents]
        for file in _walk(path, absolute, chain, rules, exts, is_excluded, errors):
            add(file, _display(file))
    return sources, errors


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text


def _walk(path: Path, absolute: Path, chain: list[Path], rules: _IgnoreRules, exts: tuple[str, ...],
          is_excluded, errors: list[InputError]):
    """Files under a directory, sorted, skipping hidden, ignored and excluded entries."""
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        errors.append(InputError(str(path), _os_reason(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        child_abs = absolute / entry.name
        try:
            is_dir = entry.is_dir()
        except OSError:
            continue
        if rules.ignored(child_abs, is_dir, chain) or is_excluded(child, is_dir):
            continue
        if is_dir:
            yield from _walk(child, child_abs, [*chain, child_abs], rules, exts, is_excluded, errors)
        elif entry.name.lower().endswith(exts):
            yield child


# -- reading -------------------------------------------------------------------------------------------------

def check_encoding(name: str) -> str:
    """The canonical name of a text encoding, or ValueError for an unknown one."""
    try:
        return codecs.lookup(name).name
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None


def read_source(source: Source, *, encoding: str | None = None, stdin=None) -> str:
    """The text of a source, decoded; raises InputError with a one-line reason."""
    if source.file is None:
        stream = stdin if stdin is not None else sys.stdin
        try:
            data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        except OSError as exc:
            raise InputError(source.path, _os_reason(exc)) from None
        if isinstance(data, str):
            return data
        return decode(data, source.path, encoding)
    try:
        data = source.file.read_bytes()
    except IsADirectoryError:
        raise InputError(source.path, "is a directory") from None
    except OSError as exc:
        raise InputError(source.path, _os_reason(exc)) from None
    return decode(data, source.path, encoding)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped) unless `encoding` says otherwise; UTF-16/32 by their BOM.

    Raises InputError for binary data (a NUL byte) and for bytes that are not valid in the encoding,
    naming the byte offset and line, and suggesting `--encoding`.
    """
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    return data.decode(name)
                except UnicodeDecodeError as exc:
                    raise InputError(path, f"invalid {name.upper()} at byte {exc.start}") from None
    if b"\x00" in data and (encoding is None or codecs.lookup(encoding).name.startswith("utf-8")):
        at = data.index(b"\x00")
        raise InputError(path, f"binary file (NUL byte at byte {at}); not linted")
    name = encoding or "utf-8-sig"
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        bad = data[exc.start:exc.start + 1].hex()
        shown = "UTF-8" if name == "utf-8-sig" else name
        hint = "; pass --encoding to read it in another encoding" if encoding is None else ""
        raise InputError(path, f"not valid {shown}: byte 0x{bad} at byte offset {exc.start} (line {line}){hint}") from None
    if encoding is not None and text.startswith("\ufeff"):
        text = text[1:]
    return text


def _os_reason(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return (exc.strerror or str(exc)).lower()
