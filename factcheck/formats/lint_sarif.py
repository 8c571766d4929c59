"""SARIF 2.1.0 for code scanning: one rule per claim found, one result per finding, as plain dicts.

Rules carry the claim's summary, explanation and citations as help text; `ruleId` is the claim id, which
stays stable across runs. Results point at the sentence with a 1-based region (`columnKind` is
`unicodeCodePoints`; `endColumn` is just past the sentence). Paths are relative URIs against `%SRCROOT%`
when they are relative, `file:` URIs when absolute. Inputs that could not be read are tool notifications.
The output is checked against the official SARIF 2.1.0 schema in tests/test_lint_formats.py.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from ..model import AFFIRMS, Claim, Finding, LintReport

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SARIF_VERSION = "2.1.0"
_SRCROOT = "%SRCROOT%"


def level_for(f: Finding) -> str:
    """`error` when the finding fails the run, `warning` for other wrong or doubtful claims, else `note`."""
    if f.failing:
        return "error"
    return "note" if f.assessment == "consistent" else "warning"


def _default_level(claim: Claim) -> str:
    if claim.verdict in ("false", "misleading"):
        return "error"
    return "warning" if claim.verdict in ("needs-context", "outdated", "unproven") else "note"


def artifact_location(path: str) -> dict:
    """A SARIF artifactLocation: relative POSIX paths against %SRCROOT%, absolute ones as file URIs."""
    posix = path.replace("\\", "/")
    if PurePosixPath(posix).is_absolute() or PureWindowsPath(path).is_absolute():
        if PureWindowsPath(path).drive:
            return {"uri": "file:///" + quote(posix)}
        return {"uri": "file://" + quote(posix)}
    if posix.startswith("./"):
        posix = posix[2:]
    return {"uri": quote(posix), "uriBaseId": _SRCROOT}


def _help(claim: Claim) -> tuple[str, str]:
    text = [claim.summary, "", claim.explanation]
    markdown = [f"**{claim.verdict}**: {claim.summary}", "", claim.explanation]
    if claim.citations:
        text += ["", "Sources:"]
        markdown += ["", "Sources:", ""]
        for c in claim.citations:
            where = f"{c.title} <{c.url}>" if c.url else (c.source or "")
            text.append(f"- {where}: \u201c{c.quote.strip()}\u201d")
            link = f"[{c.title}]({c.url})" if c.url else f"`{c.source}`"
            markdown.append(f"- {link}: \u201c{c.quote.strip()}\u201d")
    text.append(f"\nAs of {claim.as_of}.")
    markdown.append(f"\n*As of {claim.as_of}.*")
    return "\n".join(text), "\n".join(markdown)


def rule_for(claim: Claim) -> dict:
    help_text, help_markdown = _help(claim)
    rule = {
        "id": claim.id,
        "name": "".join(part.capitalize() for part in claim.id.split("-")),
        "shortDescription": {"text": claim.claim},
        "fullDescription": {"text": claim.summary},
        "help": {"text": help_text, "markdown": help_markdown},
        "defaultConfiguration": {"level": _default_level(claim)},
        "properties": {"verdict": claim.verdict, "as_of": claim.as_of,
                       "tags": ["factcheck", claim.verdict, *claim.tags]},
    }
    url = next((c.url for c in claim.citations if c.url), None)
    if url:
        rule["helpUri"] = url
    return rule


def _fingerprint(f: Finding) -> str:
    return hashlib.sha256(f"{f.path}\0{f.claim_id}\0{f.sentence}".encode("utf-8")).hexdigest()[:32]


def result_for(f: Finding, rule_index: int) -> dict:
    stance = "affirms" if f.stance == AFFIRMS else "denies"
    return {
        "ruleId": f.claim_id,
        "ruleIndex": rule_index,
        "level": level_for(f),
        "message": {"text": f"This sentence {stance} a claim rated {f.verdict}: {f.summary}"},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(f.path),
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": f.end_line,
                    "endColumn": f.end_column,
                    "snippet": {"text": f.sentence},
                },
            },
        }],
        "partialFingerprints": {"factcheckSentence/v1": _fingerprint(f)},
        "properties": {"verdict": f.verdict, "stance": f.stance, "score": f.score, "failing": f.failing,
                       "assessment": f.assessment},
    }


def report_to_sarif(report: LintReport, version: str = "", base_uri: str | None = None) -> dict:
    """The SARIF log of a report; `base_uri` (a `file:` URI ending in `/`) anchors relative paths."""
    rules: list[dict] = []
    index: dict[str, int] = {}
    results = []
    for f in report.findings:
        if f.claim_id not in index:
            index[f.claim_id] = len(rules)
            rules.append(rule_for(f.claim))
        results.append(result_for(f, index[f.claim_id]))
    driver: dict = {"name": "factcheck", "rules": rules}
    if version:
        driver["version"] = version
        driver["semanticVersion"] = version
    notifications = [{
        "level": "error",
        "message": {"text": f"{s.path}: {s.reason}"},
        "locations": [{"physicalLocation": {"artifactLocation": artifact_location(s.path)}}],
    } for s in report.skipped]
    run: dict = {
        "tool": {"driver": driver},
        "invocations": [{"executionSuccessful": not report.skipped,
                         "toolExecutionNotifications": notifications}],
        "columnKind": "unicodeCodePoints",
        "results": results,
    }
    if base_uri:
        run["originalUriBaseIds"] = {_SRCROOT: {"uri": base_uri}}
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def render(report: LintReport, version: str = "", base_uri: str | None = None) -> str:
    return json.dumps(report_to_sarif(report, version, base_uri), ensure_ascii=False, indent=2) + "\n"
