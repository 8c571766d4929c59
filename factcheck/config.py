"""Project configuration for `factcheck lint`: `[tool.factcheck]` in pyproject.toml, or `.factcheck.toml`.

The nearest directory, going up from the working directory, that holds a `.factcheck.toml` or a
`pyproject.toml` with a `[tool.factcheck]` table wins (`.factcheck.toml` first when a directory holds
both). Keys:

    fail-on = "misleading"                   # false | misleading | needs-context | unproven | never
    exclude = ["drafts/**", "CHANGELOG.md"]  # gitignore-style globs, relative to the config's directory
    ignore = ["mit-license"]                 # claim ids never reported
    registries = ["factcheck/extra.yaml"]    # extra registry files, relative to the config's directory

In `.factcheck.toml` the keys stand at the top level (a `[tool.factcheck]` table is accepted too).
`parse_config` is pure; `find_config` and `load_config` read the file system.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

FILE_NAMES = (".factcheck.toml", "pyproject.toml")
FAIL_ON_CHOICES = ("false", "misleading", "needs-context", "unproven", "never")
KEYS = ("fail-on", "exclude", "ignore", "registries")


class ConfigError(Exception):
    """An invalid configuration file; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Settings read from a configuration file (all empty when there is none)."""

    path: Path | None = None
    fail_on: str | None = None
    exclude: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    registries: tuple[Path, ...] = ()

    @property
    def root(self) -> Path | None:
        """The directory that `exclude` globs and `registries` paths are relative to."""
        return self.path.parent if self.path is not None else None


def _toml():
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10
        import tomli as tomllib
    return tomllib


def parse_config(text: str, path: Path) -> Config | None:
    """Parse one file's text; None when it is a pyproject.toml without `[tool.factcheck]`."""
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML: {exc}") from None
    table = data.get("tool", {}).get("factcheck") if isinstance(data.get("tool"), dict) else None
    if path.name == "pyproject.toml":
        if table is None:
            return None
    elif table is None:
        table = {k: v for k, v in data.items() if k != "tool"}
    where = f"{path}: [tool.factcheck]" if path.name == "pyproject.toml" else str(path)
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: must be a table")
    for key in table:
        if key not in KEYS:
            hint = ""
            if key.replace("_", "-") in KEYS:
                hint = f"; did you mean {key.replace('_', '-')!r}?"
            raise ConfigError(f"{where}: unknown key {key!r}{hint} (known keys: {', '.join(KEYS)})")
    fail_on = table.get("fail-on")
    if fail_on is not None and fail_on not in FAIL_ON_CHOICES:
        raise ConfigError(f"{where}: fail-on must be one of {', '.join(FAIL_ON_CHOICES)}, not {fail_on!r}")

    def strings(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise ConfigError(f"{where}: {key} must be a list of strings")
        return tuple(v.strip() for v in value)

    exclude, ignore, registries = strings("exclude"), strings("ignore"), strings("registries")
    base = path.parent
    return Config(path=path, fail_on=fail_on, exclude=exclude, ignore=ignore,
                  registries=tuple(base / r for r in registries))


def find_config(start: Path) -> Path | None:
    """The configuration file that applies at `start`, searching upward; None when there is none."""
    start = start.resolve()
    for directory in (start, *start.parents):
        for name in FILE_NAMES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml" and not _has_factcheck_table(candidate):
                continue
            return candidate
    return None


def _has_factcheck_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return "factcheck" in text and parse_config_quiet(text, path)


def parse_config_quiet(text: str, path: Path) -> bool:
    """Whether a pyproject.toml holds a `[tool.factcheck]` table (an invalid table still counts)."""
    toml = _toml()
    try:
        data = toml.loads(text)
    except toml.TOMLDecodeError:
        return "[tool.factcheck]" in text
    tool = data.get("tool")
    return isinstance(tool, dict) and "factcheck" in tool


def load_config(start: Path | None = None, path: Path | None = None) -> Config:
    """The configuration at `start` (default: the working directory), or the file `path`; empty when none."""
    if path is None:
        path = find_config(start or Path.cwd())
        if path is None:
            return Config()
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    config = parse_config(text, path)
    if config is None:
        raise ConfigError(f"{path}: no [tool.factcheck] table")
    return config
