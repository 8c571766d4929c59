"""GitHub Actions workflow commands: `::error` for failing findings, `::notice` for the others.

    ::error file=post.md,line=3,endLine=3,col=1,endColumn=41,title=factcheck%3A misleading (training-cost-6m)::...

Columns are sent only when the sentence starts and ends on one line (GitHub ignores them otherwise), and
`endColumn` is the sentence's last character. Property values escape `%`, CR, LF, `:` and `,`; the message
escapes `%`, CR and LF (https://docs.github.com/actions/reference/workflow-commands-for-github-actions).
"""

from __future__ import annotations

from ..model import DENIES, Finding, LintReport


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _citation(f: Finding) -> str:
    if not f.claim.citations:
        return ""
    c = f.claim.citations[0]
    where = c.url or c.source or ""
    return f"\nSource: {where}"


def format_finding(f: Finding) -> str:
    command = "error" if f.failing else "notice"
    props = [f"file={escape_property(f.path)}", f"line={f.line}", f"endLine={f.end_line}"]
    if f.line == f.end_line:
        props += [f"col={f.column}", f"endColumn={max(f.end_column - 1, f.column)}"]
    stance = "denies" if f.stance == DENIES else "affirms"
    title = f"factcheck: {f.verdict} ({f.claim_id})"
    props.append(f"title={escape_property(title)}")
    message = f"This sentence {stance} a claim rated {f.verdict}: {f.summary}{_citation(f)}"
    return f"::{command} {','.join(props)}::{escape_data(message)}"


def render(report: LintReport) -> str:
    return "".join(format_finding(f) + "\n" for f in report.findings)
