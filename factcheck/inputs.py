"""Find the files to lint and read them: paths, directories, `-` for stdin; strict decoding, clear errors.

This module and the command are the only places that touch the file system for `factcheck lint`.
Directories are walked recursively for the default extensions, skipping hidden entries and whatever the
`.gitignore` files from the repository root down say (git itself is not run). Files named explicitly are
linted whatever their extension. `exclude` globs (gitignore syntax, relative to `exclude_root`) apply to
everything.

Nothing here blocks or reads without bound: FIFOs, devices and sockets are refused without being opened
(an open pipe named /dev/stdin or /dev/fd/N is read), a directory symlink leading back to a directory being
walked is reported and not followed, and `iter_text` reads and decodes in pieces, with the byte offsets and
lines of any error counted from the start of the input.
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from collections.abc import Iterator
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
            mode = os.stat(path).st_mode  # follows symbolic links
        except (OSError, ValueError) as exc:
            errors.append(InputError(arg, _stat_reason(path, exc)))
            continue
        is_dir = stat.S_ISDIR(mode)
        if is_excluded(path, is_dir):
            continue
        if not is_dir:
            reason = special_file_reason(mode, arg)
            if reason:
                errors.append(InputError(arg, reason))
            else:
                add(path, arg)
            continue
        absolute = path.resolve()
        repo = _repo_root(absolute)
        # .gitignore files count from the repository root down (only the walked directory outside a repo).
        chain = [absolute] if repo is None else [
            d for d in reversed((absolute, *absolute.parents)) if d == repo or repo in d.parents]
        for file in _walk(path, absolute, chain, rules, exts, is_excluded, errors, _ancestors(path)):
            add(file, _display(file))
    return sources, errors


def _display(path: Path) -> str:
    text = str(path)
    return text[2:] if text.startswith("./") else text


def _ancestors(path: Path) -> dict[tuple[int, int], str]:
    try:
        st = os.stat(path)
    except OSError:
        return {}
    return {(st.st_dev, st.st_ino): _display(path)}


def _walk(path: Path, absolute: Path, chain: list[Path], rules: _IgnoreRules, exts: tuple[str, ...],
          is_excluded, errors: list[InputError], ancestors: dict[tuple[int, int], str]):
    """Files under a directory, sorted, skipping hidden, ignored and excluded entries.

    Symbolic links to directories are followed, except one that leads back to a directory being walked
    (a loop): that one is reported and not followed. Entries that are neither regular files nor
    directories (FIFOs, devices, sockets) are reported, never opened.
    """
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        errors.append(InputError(_display(path), _os_reason(exc)))
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
            try:
                st = entry.stat()
            except OSError as exc:
                errors.append(InputError(_display(child), _os_reason(exc)))
                continue
            key = (st.st_dev, st.st_ino)
            if key in ancestors:
                errors.append(InputError(_display(child), f"symbolic link loop (leads back to {ancestors[key]}); "
                                                          "not followed"))
                continue
            yield from _walk(child, child_abs, [*chain, child_abs], rules, exts, is_excluded, errors,
                             {**ancestors, key: _display(child)})
        elif entry.name.lower().endswith(exts):
            try:
                regular = entry.is_file()
                mode = entry.stat().st_mode if not regular else stat.S_IFREG
            except OSError as exc:
                errors.append(InputError(_display(child), _stat_reason(child, exc)))
                continue
            reason = None if regular else special_file_reason(mode, "")
            if reason:
                errors.append(InputError(_display(child), reason))
                continue
            yield child


# -- reading -------------------------------------------------------------------------------------------------

def check_encoding(name: str) -> str:
    """The canonical name of a text encoding, or ValueError for an unknown one (or one that is not for
    text, such as base64 or rot13)."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        raise ValueError(f"unknown encoding {name!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise ValueError(f"{name!r} is not a text encoding")
    return info.name


#: Inputs are read (and decoded) this many bytes at a time.
READ_SIZE = 1 << 20

#: Paths that name an already open stream (process substitution, /dev/stdin): read even when a pipe.
_STREAM_PATH = re.compile(r"^/(?:dev/(?:stdin|fd/\d+)|proc/(?:self|\d+)/fd/\d+)$")


def special_file_reason(mode: int, path: str = "") -> str | None:
    """Why a file of this type (st_mode) is not linted; None for a regular file or an open stream's pipe."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        if path and _STREAM_PATH.match(path):
            return None
        return "is a FIFO (named pipe), not a regular file; not read (pipe it in instead: factcheck lint - < FIFO)"
    if stat.S_ISCHR(mode):
        return "is a character device, not a regular file; not read"
    if stat.S_ISBLK(mode):
        return "is a block device, not a regular file; not read"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file; not read"
    if stat.S_ISDIR(mode):
        return "is a directory"
    return "is not a regular file; not read"


def _stat_reason(path: Path, exc: BaseException) -> str:
    """A one-line reason for a path that cannot be stat'ed."""
    if isinstance(exc, ValueError):  # e.g. an embedded NUL character
        return f"invalid path ({exc})"
    if isinstance(exc, OSError) and exc.errno == errno.ELOOP:
        return "symbolic link loop (too many levels of symbolic links)"
    if isinstance(exc, FileNotFoundError):
        try:
            if stat.S_ISLNK(os.lstat(path).st_mode):
                return f"broken symbolic link (its target {os.readlink(path)!r} does not exist)"
        except (OSError, ValueError):
            pass
    return _os_reason(exc) if isinstance(exc, OSError) else str(exc)


def open_source(source: Source, *, stdin=None):
    """A binary (or, for a text-only stdin replacement, text) file object to read the source from.

    Files are opened without blocking and checked with fstat before anything is read: a FIFO or device
    (even one swapped in after discovery) is refused, not waited on. Raises InputError.
    """
    if source.file is None:
        stream = stdin if stdin is not None else sys.stdin
        if stream is None:
            raise InputError(source.path, "standard input is closed")
        return getattr(stream, "buffer", stream)
    display = source.path
    try:
        mode = os.stat(source.file).st_mode
    except (OSError, ValueError) as exc:
        raise InputError(display, _stat_reason(source.file, exc)) from None
    reason = special_file_reason(mode, str(source.file))
    if reason:
        raise InputError(display, reason)
    nonblock = getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source.file, os.O_RDONLY | nonblock | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputError(display, _stat_reason(source.file, exc)) from None
    try:
        reason = special_file_reason(os.fstat(fd).st_mode, str(source.file))
        if reason:
            raise InputError(display, reason)
        if nonblock:
            import fcntl

            fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~nonblock)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def iter_text(source: Source, *, encoding: str | None = None, stdin=None, size: int = READ_SIZE) -> Iterator[str]:
    """The decoded text of a source in pieces of about `size` characters, read `size` bytes at a time.

    Decoding follows `decode` (BOMs, NUL bytes, strict UTF-8 unless `encoding`), with byte offsets and
    lines counted from the start of the input, so `"".join(iter_text(...))` is `decode(all the bytes)`
    whenever the input is valid. Raises InputError, possibly after some pieces were yielded.
    """
    fh = open_source(source, stdin=stdin)
    decoder = _StreamDecoder(source.path, encoding)
    # read1: whatever a pipe has ready (at most `size`), so a slow writer's text is linted as it comes.
    read = getattr(fh, "read1", fh.read)
    try:
        while True:
            try:
                data = read(size)
            except OSError as exc:
                raise InputError(source.path, _os_reason(exc)) from None
            except ValueError:  # a closed file
                raise InputError(source.path, "the input is closed") from None
            if not data:
                break
            if isinstance(data, str):  # a text stream standing in for stdin (tests, embedding)
                yield data
                continue
            text = decoder.feed(data)
            if text:
                yield text
        text = decoder.finish()
        if text:
            yield text
    finally:
        if source.file is not None:
            fh.close()


def read_source(source: Source, *, encoding: str | None = None, stdin=None) -> str:
    """The text of a source, decoded; raises InputError with a one-line reason."""
    return "".join(iter_text(source, encoding=encoding, stdin=stdin))


class _StreamDecoder:
    """Incremental `decode`: the same checks and messages, with offsets counted over the whole input."""

    def __init__(self, path: str, encoding: str | None):
        self.path = path
        self.encoding = encoding
        self.decoder = None
        self.name = ""
        self.fed = 0  # bytes given to the decoder so far
        self.newlines = 0  # b"\n" in them
        self.check_nul = True
        self.head: bytes | None = b""  # the first bytes, until there are enough to sniff (None after)
        self.bom_checked = False  # --encoding: whether the first character was looked at

    def _start(self, data: bytes) -> bytes:
        name = self.encoding
        if name is None:
            for bom, bom_name in _BOMS:
                if data.startswith(bom):
                    name = bom_name
                    break
        self.check_nul = name is None or codecs.lookup(name).name.startswith("utf-8")
        if self.check_nul:
            nul = data.find(b"\x00", 0, SNIFF_BYTES)
            if nul >= 0:
                raise InputError(self.path, _binary(nul))
        if name is None or codecs.lookup(name).name == "utf-8-sig":
            name = "utf-8"  # the byte-order mark is dropped here: offsets then count it
            if data.startswith(codecs.BOM_UTF8):
                data = data[len(codecs.BOM_UTF8):]
                self.fed = len(codecs.BOM_UTF8)
        canonical = codecs.lookup(name).name
        if canonical in ("utf-16", "utf-32") and not data.startswith(
                (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) if canonical == "utf-16"
                else (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
            # bytes.decode("utf-16") reads BOM-less text in the machine's byte order; the incremental decoder
            # refuses it: read it as bytes.decode would.
            name = f"{canonical}-{'le' if sys.byteorder == 'little' else 'be'}"
        self.name = name
        self.decoder = codecs.getincrementaldecoder(name)(errors="strict")
        return data

    def feed(self, data: bytes, final: bool = False) -> str:
        if self.head is not None:
            self.head += data
            if len(self.head) < SNIFF_BYTES and not final:
                return ""  # not enough yet to look for a byte-order mark and NUL bytes
            data, self.head = self._start(self.head), None
        if self.check_nul:
            nul = data.find(b"\x00")
            if nul >= 0:
                at = self.fed + nul
                self._decode(data[:nul], True)  # an undecodable byte before the NUL is reported first
                raise InputError(self.path, _binary(at))
        return self._decode(data, final)

    def _decode(self, data: bytes, final: bool) -> str:
        try:
            text = self.decoder.decode(data, final)
        except UnicodeDecodeError as exc:
            raise InputError(self.path, self._error(exc, data)) from None
        except UnicodeError as exc:  # a codec's own complaint, without a position
            raise InputError(self.path, f"not valid {self.encoding or self.name}: {exc}") from None
        self.fed += len(data)
        self.newlines += data.count(b"\n")
        if self.encoding is not None and not self.bom_checked and text:
            self.bom_checked = True
            if text.startswith("\ufeff"):
                text = text[1:]
        return text

    def finish(self) -> str:
        if self.head == b"":
            return ""  # no input at all
        return self.feed(b"", final=True)

    def _error(self, exc: UnicodeDecodeError, data: bytes) -> str:
        obj = exc.object if isinstance(exc.object, (bytes, bytearray)) else data
        held = max(len(obj) - len(data), 0)  # bytes the decoder kept from the previous piece
        offset = self.fed - held + exc.start
        line = self.newlines - obj[:held].count(b"\n") + obj[:exc.start].count(b"\n") + 1
        if self.encoding is None and self.name != "utf-8":
            return f"invalid {self.name.upper()} at byte {offset}"
        return _undecodable(bytes(obj[exc.start:exc.start + 1]), offset, line, self.encoding)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))

#: A NUL byte this early makes an input binary, whatever follows; a later one is reported only if nothing
#: undecodable comes before it (so reading in pieces gives the same verdict as reading it whole).
SNIFF_BYTES = 8192


def _checks_nul(encoding: str | None) -> bool:
    return encoding is None or codecs.lookup(encoding).name.startswith("utf-8")


def _binary(at: int) -> str:
    return f"binary file (NUL byte at byte {at}); not linted"


def _undecodable(byte: bytes, at: int, line: int, encoding: str | None) -> str:
    bad = byte.hex()
    if encoding is None:
        return (f"not valid UTF-8: byte 0x{bad} at byte offset {at} (line {line}); "
                "pass --encoding to read it in another encoding")
    return f"not valid {encoding}: byte 0x{bad} at byte offset {at} (line {line})"


def decode(data: bytes, path: str, encoding: str | None = None) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped) unless `encoding` says otherwise; UTF-16/32 by their BOM.

    Raises InputError for binary data (a NUL byte in the first SNIFF_BYTES, or a later one with nothing
    undecodable before it) and for bytes that are not valid in the encoding, naming the byte offset and
    line, and suggesting `--encoding`.
    """
    if encoding is None:
        for bom, name in _BOMS:
            if data.startswith(bom):
                try:
                    return data.decode(name)
                except UnicodeDecodeError as exc:
                    raise InputError(path, f"invalid {name.upper()} at byte {exc.start}") from None
    nul = data.find(b"\x00") if _checks_nul(encoding) else -1
    if nul >= 0:
        if nul >= SNIFF_BYTES:
            _decode_text(data[:nul], path, encoding)  # an undecodable byte before it is reported first
        raise InputError(path, _binary(nul))
    return _decode_text(data, path, encoding)


def _decode_text(data: bytes, path: str, encoding: str | None) -> str:
    name = encoding or "utf-8"
    skip = 0
    if name == "utf-8" or codecs.lookup(name).name == "utf-8-sig":  # offsets count the byte-order mark
        name = "utf-8"
        skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) and (
            encoding is None or codecs.lookup(encoding).name == "utf-8-sig") else 0
    try:
        text = data[skip:].decode(name) if skip else data.decode(name)
    except UnicodeDecodeError as exc:
        at = exc.start + skip
        raise InputError(path, _undecodable(data[at:at + 1], at, data.count(b"\n", 0, at) + 1, encoding)) from None
    except UnicodeError as exc:  # a codec's own complaint, without a position
        raise InputError(path, f"not valid {name}: {exc}") from None
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
