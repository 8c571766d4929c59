"""The versioned JSON document of a lint run (schema in README.md, "Linting files")."""

from __future__ import annotations

import json

from ..model import Finding, LintReport

#: Bump on a breaking change to the document; adding fields is not one.
SCHEMA_VERSION = 1


def finding_to_dict(f: Finding) -> dict:
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "sentence": f.sentence,
        "claim_id": f.claim_id,
        "claim": f.claim.claim,
        "verdict": f.verdict,
        "stance": f.stance,
        "assessment": f.assessment,
        "failing": f.failing,
        "score": f.score,
        "summary": f.summary,
        "citations": [c.to_dict() for c in f.claim.citations],
        "conflicts": [c.to_dict() for c in f.conflicts],
        "highlights": [list(span) for span in f.highlights],
    }


def report_to_dict(report: LintReport, version: str = "") -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "factcheck", "version": version},
        "fail_on": report.fail_on,
        "summary": {
            "files": report.files,
            "skipped": len(report.skipped),
            "findings": report.total_findings,
            "shown": len(report.findings),
            "failing": report.failing,
        },
        "findings": [finding_to_dict(f) for f in report.findings],
        "skipped": [{"path": s.path, "reason": s.reason} for s in report.skipped],
    }


def render(report: LintReport, version: str = "") -> str:
    return json.dumps(report_to_dict(report, version), ensure_ascii=False, indent=2) + "\n"
