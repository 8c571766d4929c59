"""Load claim registries safely, validate them, and merge them into one `Registry`.

YAML is parsed with the safe loader only (no tags, so no code runs) and anchors/aliases are refused, so a
hostile registry can neither execute anything nor blow up memory with an alias bomb. Every problem is
reported with the file, the line where it can be found, the claim id and the field.
"""

from __future__ import annotations

import datetime as _dt
import errno
import functools
import hashlib
import math
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .quantities import DEFAULT_TOLERANCE
from .model import VERDICTS, Citation, Claim, Figure, HistoryEntry, Registry, RegistryMeta

ENV_VAR = "FACTCHECK_REGISTRY"
SUPPORTED_VERSIONS = (1,)
MAX_REGISTRY_BYTES = 64 * 1024 * 1024
UNITS = frozenset({"usd", "cny", "gpus", "parameters", "tokens", "gpu_hours", "percent", "steps", "pages",
                   "experts", "countries", "days", "months", "years"})
_ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
_SOURCE_RE = re.compile(r"^seeds/([A-Za-z0-9][A-Za-z0-9._-]{0,200})$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_REQUIRED = ("id", "verdict", "claim", "summary", "explanation", "phrasings", "citations", "as_of")
_KNOWN = frozenset(_REQUIRED) | {"requires", "figures", "tags", "review_by", "superseded_by", "history",
                                 "override", "appearances", "counters"}
#: Top-level keys of a registry file (besides `claims`, all optional).
_TOP_LEVEL = frozenset({"version", "name", "author", "url", "description", "claims"})
_CITATION_KEYS = frozenset({"source", "url", "title", "quote"})
_FIGURE_KEYS = frozenset({"value", "unit", "label", "tolerance"})
_HISTORY_KEYS = frozenset({"date", "from", "to", "reason"})
_URL_RE = re.compile(r"^https?://\S+$")
MAX_SUMMARY = 120


@dataclass(frozen=True)
class RegistryProblem:
    """One thing wrong with a registry file."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    claim_id: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.path
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        parts = [where]
        if self.claim_id:
            parts.append(f"claim {self.claim_id!r}")
        if self.field:
            parts.append(f"field {self.field!r}")
        return ": ".join(parts) + f": {self.message}"


class RegistryError(Exception):
    """A registry could not be loaded; `problems` lists every reason."""

    def __init__(self, problems: list[RegistryProblem]):
        self.problems = problems
        first = str(problems[0]) if problems else "invalid registry"
        more = f" (and {len(problems) - 1} more problems)" if len(problems) > 1 else ""
        super().__init__(first + more)


def builtin_registry_path() -> Path:
    """The registry shipped with factcheck: inside the wheel, or at the top of a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "claims.yaml", here.parent / "data" / "claims.yaml"):
        if candidate.is_file():
            return candidate
    return here / "data" / "claims.yaml"


def schema_path() -> Path:
    """The JSON Schema of the registry format (claims.schema.json): inside the wheel (factcheck/schema/,
    where the built-in registry's `../schema/claims.schema.json` modeline points), or at the top of a
    source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "schema" / "claims.schema.json", here.parent / "schema" / "claims.schema.json"):
        if candidate.is_file():
            return candidate
    return here / "schema" / "claims.schema.json"


def unique_paths(paths: list[Path], exclude: tuple[Path, ...] = ()) -> list[Path]:
    """`paths` without repeats of one file (compared resolved) and without the files in `exclude`."""
    unique: list[Path] = []
    seen = {p.resolve() for p in exclude}
    for path in paths:
        try:
            key = path.resolve()
        except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
            key = path
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def env_registry_paths() -> list[Path]:
    """Registries named in FACTCHECK_REGISTRY (separated like PATH)."""
    value = os.environ.get(ENV_VAR, "")
    return [Path(p) for p in value.split(os.pathsep) if p.strip()]


def config_registry_paths(start: Path | None = None) -> list[Path]:
    """Registries listed as `registries` in the project configuration that applies at `start` (default: the
    working directory): `[tool.factcheck]` in the nearest pyproject.toml that has one, or `.factcheck.toml`
    (see factcheck/config.py), resolved relative to that file. An invalid configuration is a RegistryError,
    so a typo never silently drops a team's registry."""
    from .config import ConfigError, find_config, load_config

    here = start or Path.cwd()
    try:
        return list(load_config(here).registries)
    except ConfigError as exc:
        where = find_config(here)
        text = str(exc)
        prefix = f"{where}: " if where is not None else ""
        message = text[len(prefix):] if prefix and text.startswith(prefix) else text
        raise RegistryError([RegistryProblem(str(where or "pyproject.toml"), message)]) from None


# -- parsing -----------------------------------------------------------------------------------------------

#: Registries nest five levels deep; deeper YAML is refused before it is parsed (libyaml's composer recurses,
#: so a hostile `[[[[...` could otherwise exhaust the C stack).
MAX_YAML_DEPTH = 64
#: Seed files (the quoted sources) larger than this are not read.
MAX_SEED_BYTES = 64 * 1024 * 1024
#: The only YAML tags a registry may spell out (`!!str "2025-01-01"`); everything else is refused.
_PLAIN_TAGS = frozenset({"str", "int", "float", "bool", "null", "seq", "map", "timestamp"})


@functools.lru_cache(maxsize=1)
def _safe_loader():
    """The safe loader (libyaml's when available) that also refuses duplicate keys in a mapping."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class RegistryLoader(base):  # type: ignore[misc, valid-type]
        def construct_mapping(self, node, deep=False):
            if isinstance(node, yaml.MappingNode):
                seen: set = set()
                for key_node, _value in node.value:
                    if not isinstance(key_node, yaml.ScalarNode):
                        continue
                    key = self.construct_object(key_node)
                    try:
                        duplicate = key in seen
                        seen.add(key)
                    except TypeError:
                        continue
                    if duplicate:
                        raise yaml.constructor.ConstructorError(
                            "while constructing a mapping", node.start_mark,
                            f"duplicate key {key!r} (a later value would silently replace the first)",
                            key_node.start_mark)
            return super().construct_mapping(node, deep=deep)

        def construct_object(self, node, deep=False):
            try:
                return super().construct_object(node, deep=deep)
            except (ValueError, TypeError, OverflowError) as exc:  # 2025-02-30, an integer of 5,000 digits
                raise yaml.constructor.ConstructorError(None, None, f"invalid value ({exc})", node.start_mark) from None

    return RegistryLoader


def _special_file(mode: int) -> str | None:
    """Why a file of this type cannot be a registry (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a registry file"
    if stat.S_ISFIFO(mode):
        return "is a FIFO (named pipe), not a registry file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a registry file"
    return "is not a regular file"


def check_registry_path(path: Path) -> None:
    """Refuse, before anything reads it, a registry path that is not a regular file of a sane size."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise RegistryError([RegistryProblem(str(path), "no such file")]) from None
    except (OSError, ValueError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        if getattr(exc, "errno", None) == errno.ELOOP:
            reason = "symbolic link loop"
        raise RegistryError([RegistryProblem(str(path), f"cannot read: {reason}")]) from None
    reason = _special_file(st.st_mode)
    if reason:
        raise RegistryError([RegistryProblem(str(path), reason)])
    if st.st_size > MAX_REGISTRY_BYTES:
        raise RegistryError([RegistryProblem(str(path), f"file is {st.st_size} bytes; registries are limited to "
                                                        f"{MAX_REGISTRY_BYTES} bytes")])


def read_registry_text(path: Path) -> str:
    """Read a registry file as UTF-8, refusing anything that is not a small regular text file."""
    check_registry_path(path)
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if _special_file(st.st_mode):  # replaced since it was checked
                raise RegistryError([RegistryProblem(str(path), "is not a regular file")])
            data = fh.read(min(st.st_size, MAX_REGISTRY_BYTES) + 1)
            if len(data) > st.st_size and len(data) <= MAX_REGISTRY_BYTES:  # it grew meanwhile
                data += fh.read(MAX_REGISTRY_BYTES + 1 - len(data))
    except OSError as exc:
        raise RegistryError([RegistryProblem(str(path), f"cannot read: {exc.strerror or exc}")]) from None
    if len(data) > MAX_REGISTRY_BYTES:
        raise RegistryError([RegistryProblem(str(path), f"file is larger than {MAX_REGISTRY_BYTES} bytes; "
                                                        "registries are limited to that")])
    if b"\x00" in data:
        raise RegistryError([RegistryProblem(str(path), "binary file (contains NUL bytes), not YAML")])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise RegistryError([RegistryProblem(str(path), f"invalid UTF-8 at byte {exc.start}")]) from None


def _check_tokens(text: str, path: str) -> None:
    """Refuse, before parsing, what a registry never needs and a hostile file could abuse: anchors and
    aliases (alias bombs), tags other than plain data types (`!!python/...`), and nesting deeper than
    MAX_YAML_DEPTH. Syntax errors are left to the parser, which reports them with their position."""
    import yaml

    opening = (yaml.BlockSequenceStartToken, yaml.BlockMappingStartToken, yaml.FlowSequenceStartToken,
               yaml.FlowMappingStartToken)
    closing = (yaml.BlockEndToken, yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)
    depth = 0

    def refuse(token, message: str) -> None:
        mark = token.start_mark
        raise RegistryError([RegistryProblem(path, message, mark.line + 1, mark.column + 1)])

    try:
        for token in yaml.scan(text, Loader=_safe_loader()):
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_YAML_DEPTH:
                    refuse(token, f"invalid YAML for a registry: nested more than {MAX_YAML_DEPTH} levels deep")
            elif isinstance(token, closing):
                depth -= 1
            elif isinstance(token, (yaml.AnchorToken, yaml.AliasToken)):
                refuse(token, "YAML anchors and aliases are not allowed in a registry")
            elif isinstance(token, yaml.TagToken):
                handle, suffix = token.value
                if handle != "!!" or suffix not in _PLAIN_TAGS:
                    refuse(token, f"invalid YAML for a registry: tag {(handle or '') + suffix!r} is not allowed "
                                  "(a registry holds plain data; nothing in it is ever run)")
    except yaml.YAMLError:
        return  # the parse below reports the syntax error with its position


def parse_registry_text(text: str, path: str) -> object:
    """Parse YAML safely; a syntax error names file:line:column."""
    import yaml

    _check_tokens(text, path)
    try:
        return yaml.load(text, Loader=_safe_loader())  # noqa: S506 - the loader is a safe loader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (None, None)
        msg = f"invalid YAML: {exc.problem or exc}"
        if exc.context:
            where = exc.context_mark
            if where is not None and (where.line, where.column) != (getattr(mark, "line", None),
                                                                   getattr(mark, "column", None)):
                msg += f" ({exc.context} at line {where.line + 1}, column {where.column + 1})"
            else:
                msg += f" ({exc.context})"
        raise RegistryError([RegistryProblem(path, msg, line, col)]) from None
    except yaml.YAMLError as exc:
        raise RegistryError([RegistryProblem(path, f"invalid YAML: {exc}")]) from None
    except RecursionError:
        raise RegistryError([RegistryProblem(path, "invalid YAML: nesting too deep")]) from None
    except (ValueError, TypeError, OverflowError) as exc:  # a value the constructor rejects: 2025-02-30, 1e5000 digits
        raise RegistryError([RegistryProblem(path, f"invalid YAML value: {exc}")]) from None


def _claim_lines(text: str) -> dict[str, int]:
    """Line of each `- id: X` in the file, found textually so errors can point at the claim."""
    lines: dict[str, int] = {}
    for i, line in enumerate(text.splitlines(), 1):
        m = re.match(r"^\s*-?\s*id:\s*['\"]?([^'\"#\s]+)", line)
        if m and m.group(1) not in lines:
            lines[m.group(1)] = i
    return lines


# -- validation --------------------------------------------------------------------------------------------

def _as_text(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _as_date(value: object) -> str | None:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()[:10]
    if isinstance(value, str) and _DATE_RE.match(value):
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return None
        return value
    return None


def _as_verdict(value: object) -> str | None:
    if isinstance(value, bool):  # an unquoted `true`/`false` in YAML
        return "true" if value else "false"
    return value if isinstance(value, str) and value in VERDICTS else None


class _SourceFiles:
    """Reads seed files for quote checks, each at most once, resolving `seeds/NAME` safely."""

    def __init__(self, registry_path: Path):
        base = registry_path.resolve().parent
        self.roots = [base / "seeds", base.parent / "seeds"]
        self.cache: dict[str, str | None] = {}

    def text(self, source: str) -> tuple[str | None, str | None]:
        """(file text, error message)."""
        m = _SOURCE_RE.match(source)
        if not m or ".." in source:
            return None, "source must be 'seeds/<file name>' (a file in the registry's seeds folder)"
        if source in self.cache:
            text = self.cache[source]
            return text, None if text is not None else "unknown seed file"
        name = m.group(1)
        for root in self.roots:
            candidate = root / name
            if candidate.is_file() and candidate.resolve().parent == root.resolve():
                try:
                    if candidate.stat().st_size > MAX_SEED_BYTES:
                        self.cache[source] = None
                        return None, f"seed file is larger than {MAX_SEED_BYTES} bytes"
                    text = candidate.read_bytes().decode("utf-8")
                except (OSError, UnicodeDecodeError):
                    text = None
                self.cache[source] = text
                return text, None if text is not None else "seed file is unreadable or not UTF-8"
        self.cache[source] = None
        return None, "unknown seed file"


def _validate_claim(raw: object, path: Path, lines: dict[str, int], sources: _SourceFiles,
                    problems: list[RegistryProblem], position: int, check_quotes: bool) -> Claim | None:
    spath = str(path)
    if not isinstance(raw, dict):
        problems.append(RegistryProblem(spath, f"claim #{position} is not a mapping"))
        return None
    cid = raw.get("id")
    cid_s = cid if isinstance(cid, str) else None
    line = lines.get(cid_s) if cid_s else None
    before = len(problems)

    def bad(field: str, message: str) -> None:
        problems.append(RegistryProblem(spath, message, line, None, cid_s or f"#{position}", field))

    for field in _REQUIRED:
        if field not in raw or raw[field] in (None, "", [], {}):
            bad(field, "missing required field")
    for field in raw:
        if field not in _KNOWN:
            bad(str(field), "unknown field")
    if cid is not None and (not isinstance(cid, str) or not _ID_RE.match(cid)):
        bad("id", "id must be kebab-case (lower-case letters, digits and hyphens)")
    verdict = _as_verdict(raw.get("verdict"))
    if "verdict" in raw and raw["verdict"] is not None and verdict is None:
        bad("verdict", f"unknown verdict {raw['verdict']!r}; expected one of {', '.join(VERDICTS)}")
    for field in ("claim", "summary", "explanation"):
        if field in raw and raw[field] is not None and not isinstance(raw[field], str):
            bad(field, "must be a string")
        elif isinstance(raw.get(field), str) and raw[field] and not raw[field].strip():
            bad(field, "must not be blank")
    summary = _as_text(raw.get("summary")) or ""
    if len(summary) > MAX_SUMMARY:
        bad("summary", f"summary is {len(summary)} characters; at most {MAX_SUMMARY}")
    if "\n" in summary.strip():
        bad("summary", "summary must be one line")
    phrasings = raw.get("phrasings")
    if phrasings is not None and (not isinstance(phrasings, list) or not all(isinstance(p, str) for p in phrasings)):
        bad("phrasings", "must be a list of strings")
        phrasings = []
    counters = raw.get("counters") or []
    if not isinstance(counters, list) or not all(isinstance(p, str) for p in counters):
        bad("counters", "must be a list of strings")
        counters = []
    as_of = _as_date(raw.get("as_of"))
    if raw.get("as_of") is not None and as_of is None:
        bad("as_of", "must be an ISO date (YYYY-MM-DD)")
    review_by = None
    if raw.get("review_by") is not None:
        review_by = _as_date(raw["review_by"])
        if review_by is None:
            bad("review_by", "must be an ISO date (YYYY-MM-DD)")

    citations: list[Citation] = []
    raw_cits = raw.get("citations")
    if raw_cits is not None and not isinstance(raw_cits, list):
        bad("citations", "must be a list")
        raw_cits = []
    for k, cit in enumerate(raw_cits or [], 1):
        if not isinstance(cit, dict):
            bad("citations", f"citation {k} is not a mapping")
            continue
        unknown = sorted(str(key) for key in cit if key not in _CITATION_KEYS)
        if unknown:
            bad("citations", f"citation {k}: unknown field {unknown[0]!r}")
            continue
        quote = cit.get("quote")
        if not isinstance(quote, str) or not quote.strip():
            bad("citations", f"citation {k} has no quote")
            continue
        if "source" in cit and ("url" in cit or "title" in cit):
            bad("citations", f"citation {k}: give either `source` (a seed file) or `url` + `title`, not both")
            continue
        if "source" in cit:
            source = cit["source"]
            if not isinstance(source, str):
                bad("citations", f"citation {k}: source must be a string")
                continue
            text, error = sources.text(source)
            if error:
                bad("citations", f"citation {k}: {error}: {source}")
                continue
            if check_quotes and quote not in text:
                bad("citations", f"citation {k}: quote not found verbatim in {source}: {quote[:60]!r}")
                continue
            citations.append(Citation(quote=quote, source=source))
        elif "url" in cit:
            url, title = cit.get("url"), cit.get("title")
            if not isinstance(url, str) or not _URL_RE.match(url):
                bad("citations", f"citation {k}: url must be an http(s) URL")
                continue
            if not isinstance(title, str) or not title.strip():
                bad("citations", f"citation {k}: a url citation needs a title")
                continue
            citations.append(Citation(quote=quote, url=url, title=title))
        else:
            bad("citations", f"citation {k} needs a `source` (seed file) or a `url`")

    requires: list[tuple[str, ...]] = []
    raw_req = raw.get("requires") or []
    if not isinstance(raw_req, list):
        bad("requires", "must be a list of lists of strings")
        raw_req = []
    for group in raw_req:
        if not isinstance(group, list) or not group or not all(isinstance(e, str) and e.strip() for e in group):
            bad("requires", f"group {group!r} must be a non-empty list of strings")
            continue
        requires.append(tuple(group))

    figures: list[Figure] = []
    raw_figs = raw.get("figures") or []
    if not isinstance(raw_figs, list):
        bad("figures", "must be a list")
        raw_figs = []
    for fig in raw_figs:
        if not isinstance(fig, dict):
            bad("figures", "each figure must be a mapping")
            continue
        unknown = sorted(str(key) for key in fig if key not in _FIGURE_KEYS)
        if unknown:
            bad("figures", f"unknown figure field {unknown[0]!r}; expected value, unit, label, tolerance")
            continue
        if "label" in fig and not isinstance(fig["label"], str):
            bad("figures", f"figure label {fig['label']!r} must be a string")
            continue
        value, unit = fig.get("value"), fig.get("unit")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value < 0:
            bad("figures", f"figure value {value!r} is not a non-negative number")
            continue
        if not isinstance(unit, str) or unit not in UNITS:
            bad("figures", f"unknown unit {unit!r}; expected one of {', '.join(sorted(UNITS))}")
            continue
        tol = fig.get("tolerance", DEFAULT_TOLERANCE.get(unit, 0.1))
        if isinstance(tol, bool) or not isinstance(tol, (int, float)) or not 0 <= tol <= 10:
            bad("figures", f"tolerance {tol!r} must be a number from 0 to 10")
            continue
        figures.append(Figure(value=float(value), unit=unit, label=str(fig.get("label") or ""), tolerance=float(tol)))

    tags = raw.get("tags") or []
    if not isinstance(tags, list) or not all(isinstance(t, str) and t.strip() for t in tags):
        bad("tags", "must be a list of non-blank strings")
        tags = []

    appearances = raw.get("appearances") or []
    if not isinstance(appearances, list) or not all(isinstance(u, str) and _URL_RE.match(u) for u in appearances):
        bad("appearances", "must be a list of http(s) URLs where the claim was made")
        appearances = []

    history: list[HistoryEntry] = []
    raw_hist = raw.get("history") or []
    if not isinstance(raw_hist, list):
        bad("history", "must be a list")
        raw_hist = []
    for h in raw_hist:
        if not isinstance(h, dict):
            bad("history", "each entry must be a mapping")
            continue
        unknown = sorted(str(key) for key in h if key not in _HISTORY_KEYS)
        if unknown:
            bad("history", f"unknown history field {unknown[0]!r}; expected date, from, to, reason")
            continue
        date, frm, to, reason = _as_date(h.get("date")), _as_verdict(h.get("from")), _as_verdict(h.get("to")), h.get("reason")
        if date is None or frm is None or to is None or not isinstance(reason, str) or not reason.strip():
            bad("history", "each entry needs date (YYYY-MM-DD), from and to (verdicts) and a reason")
            continue
        history.append(HistoryEntry(date=date, from_verdict=frm, to_verdict=to, reason=reason.strip()))
    if any(a.date > b.date for a, b in zip(history, history[1:])):
        bad("history", "entries must be in date order, oldest first")
    if history and verdict and history[-1].to_verdict != verdict:
        bad("history", f"the last history entry changes the verdict to {history[-1].to_verdict!r}, "
                       f"but the claim's verdict is {verdict!r}")

    superseded_by = raw.get("superseded_by")
    if superseded_by is not None and (not isinstance(superseded_by, str) or not _ID_RE.match(superseded_by)):
        bad("superseded_by", "must be a claim id")
        superseded_by = None
    elif superseded_by is not None and superseded_by == cid:
        bad("superseded_by", "a claim cannot supersede itself")
    if verdict == "outdated" and not superseded_by:
        bad("superseded_by", "an outdated claim must name the claim that supersedes it")
    if "override" in raw and not isinstance(raw["override"], bool):
        bad("override", "must be true or false")

    if len(problems) > before:
        return None
    return Claim(
        id=cid, verdict=verdict, claim=raw["claim"].strip(), summary=summary.strip(),
        explanation=" ".join(raw["explanation"].split()), phrasings=tuple(p.strip() for p in phrasings if p.strip()),
        citations=tuple(citations), as_of=as_of, requires=tuple(requires), figures=tuple(figures),
        tags=tuple(tags), review_by=review_by, superseded_by=superseded_by, history=tuple(history),
        registry=spath, appearances=tuple(appearances), counters=tuple(p.strip() for p in counters if p.strip()),
    )


@dataclass(frozen=True)
class RegistryFile:
    """One parsed and validated registry file."""

    path: Path
    claims: tuple[Claim, ...]
    overrides: frozenset[str]
    name: str
    author: str
    digest: str
    url: str = ""


def load_registry_file(path: Path, *, check_quotes: bool = True) -> RegistryFile:
    """Parse and validate one registry file; raise RegistryError listing every problem."""
    text = read_registry_text(path)
    spath = str(path)
    data = parse_registry_text(text, spath)
    if data is None:
        raise RegistryError([RegistryProblem(spath, "empty registry file")])
    if isinstance(data, list):
        data = {"version": 1, "claims": data}
    if not isinstance(data, dict):
        raise RegistryError([RegistryProblem(spath, "a registry must be a mapping with `version` and `claims`")])
    problems: list[RegistryProblem] = []
    version = data.get("version", 1)
    if isinstance(version, bool) or version not in SUPPORTED_VERSIONS:
        problems.append(RegistryProblem(spath, f"unsupported registry version {version!r}", field="version"))
    for key in data:
        if key not in _TOP_LEVEL:
            problems.append(RegistryProblem(spath, f"unknown top-level field; expected {', '.join(sorted(_TOP_LEVEL))}",
                                            field=str(key)))
    for key in ("name", "author", "description"):
        if key in data and (not isinstance(data[key], str) or not data[key].strip()):
            problems.append(RegistryProblem(spath, "must be a non-blank string", field=key))
    if "url" in data and (not isinstance(data["url"], str) or not _URL_RE.match(data["url"])):
        problems.append(RegistryProblem(spath, "must be an http(s) URL (where the fact sheet is published)",
                                        field="url"))
    raw_claims = data.get("claims")
    if not isinstance(raw_claims, list):
        raise RegistryError(problems + [RegistryProblem(spath, "`claims` must be a list", field="claims")])
    lines = _claim_lines(text)
    sources = _SourceFiles(path)
    claims: list[Claim] = []
    seen: dict[str, int] = {}
    overrides: set[str] = set()
    for position, raw in enumerate(raw_claims, 1):
        claim = _validate_claim(raw, path, lines, sources, problems, position, check_quotes)
        if claim is None:
            continue
        if claim.id in seen:
            problems.append(RegistryProblem(spath, f"duplicate id (first defined as claim #{seen[claim.id]})",
                                            lines.get(claim.id), None, claim.id, "id"))
            continue
        seen[claim.id] = position
        if raw.get("override") is True:
            overrides.add(claim.id)
        claims.append(claim)
    if problems:
        raise RegistryError(problems)
    return RegistryFile(path=path, claims=tuple(claims), overrides=frozenset(overrides),
                        name=str(data.get("name") or path.stem), author=str(data.get("author") or ""),
                        digest=hashlib.sha256(text.encode("utf-8")).hexdigest(), url=str(data.get("url") or ""))


def merge_registries(files: list[RegistryFile]) -> Registry:
    """Merge registry files in order; a later file may replace an id only when it marks it `override: true`."""
    by_id: dict[str, Claim] = {}
    origin: dict[str, str] = {}
    problems: list[RegistryProblem] = []
    for rf in files:
        for claim in rf.claims:
            if claim.id in by_id and claim.id not in rf.overrides:
                problems.append(RegistryProblem(str(rf.path), f"id already defined in {origin[claim.id]}; "
                                                              "set `override: true` to replace it",
                                                claim_id=claim.id, field="id"))
                continue
            by_id[claim.id] = claim
            origin[claim.id] = str(rf.path)
    for claim in by_id.values():
        if claim.superseded_by and claim.superseded_by not in by_id:
            problems.append(RegistryProblem(claim.registry, f"superseded_by names unknown claim {claim.superseded_by!r}",
                                            claim_id=claim.id, field="superseded_by"))
    if problems:
        raise RegistryError(problems)
    fingerprint = hashlib.sha256("\n".join(rf.digest for rf in files).encode()).hexdigest()
    return Registry(claims=tuple(by_id.values()), sources=tuple(str(rf.path) for rf in files),
                    fingerprint=fingerprint,
                    metadata=tuple(RegistryMeta(path=str(rf.path), name=rf.name, author=rf.author, url=rf.url)
                                   for rf in files))


def registry_paths(extra: list[Path] | list[str] | None = None, *, builtin: bool = True,
                   use_env: bool = True, use_config: bool = True) -> list[Path]:
    """The registry files to load, in order: built-in, `registries` of the project configuration
    (`[tool.factcheck]` in pyproject.toml, or .factcheck.toml), FACTCHECK_REGISTRY, then `extra` (the
    --registry options). A file named more than once is loaded once, at its first place.

    A path that exists but is not a regular file (a FIFO, a device) or is too large is a RegistryError here,
    before anything (the index cache's key included) reads it; a missing file is reported when loading."""
    paths = [builtin_registry_path()] if builtin else []
    if use_config:
        paths += config_registry_paths()
    if use_env:
        paths += env_registry_paths()
    paths += [Path(p) for p in (extra or [])]
    unique = unique_paths(paths)  # the same file named twice (in pyproject.toml and with --registry) loads once
    problems = []
    for path in unique:
        try:
            check_registry_path(path)
        except RegistryError as exc:
            if exc.problems[0].message != "no such file":
                problems.extend(exc.problems)
    if problems:
        raise RegistryError(problems)
    return unique


def load_registry(paths: list[Path] | list[str] | None = None, *, builtin: bool = True, use_env: bool = True,
                  check_quotes: bool = True, use_config: bool = True) -> Registry:
    """Load the built-in registry plus user registries ([tool.factcheck], FACTCHECK_REGISTRY, then `paths`)."""
    return merge_registries([load_registry_file(p, check_quotes=check_quotes)
                             for p in registry_paths(paths, builtin=builtin, use_env=use_env,
                                                     use_config=use_config)])


def seed_text(registry_file: str | Path, source: str) -> str | None:
    """The text of a citation's `seeds/<file>`, resolved as the validator resolves it (None if unreadable)."""
    text, _error = _SourceFiles(Path(registry_file)).text(source)
    return text
