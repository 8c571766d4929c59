"""`path:line:col: verdict claim-id: summary`, one finding a line: for grep, editors and pre-commit."""

from __future__ import annotations

from ..model import DENIES, Finding, LintReport


def label(f: Finding) -> str:
    """`misleading training-cost-6m`, with `(denied)` when the sentence denies the claim."""
    return f"{f.verdict} {f.claim_id}" + (" (denied)" if f.stance == DENIES else "")


def format_finding(f: Finding) -> str:
    return f"{f.path}:{f.line}:{f.column}: {label(f)}: {f.summary}"


def render(report: LintReport) -> str:
    """Every finding of the report, one a line (empty when there are none)."""
    return "".join(format_finding(f) + "\n" for f in report.findings)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def summary_line(report: LintReport, shown_all: bool = False) -> str:
    """One line for stderr: how many findings, how many fail the run, files linted and skipped."""
    failing = report.failing
    parts = []
    if report.total_findings:
        parts.append(f"{_plural(report.total_findings, 'finding')} ({failing} failing at --fail-on {report.fail_on})")
    else:
        parts.append("no findings")
    parts.append(f"in {_plural(report.files, 'file')}")
    text = " ".join(parts)
    if report.skipped:
        text += f"; {_plural(len(report.skipped), 'file')} skipped (see the errors above)"
    return text
