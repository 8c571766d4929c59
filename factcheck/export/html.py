"""A readable fact sheet: one self-contained HTML page listing every claim of a registry.

The page is a single file with inline CSS: no JavaScript, no fonts, images or styles from the network (a
Content-Security-Policy meta tag forbids them), so it can be opened from disk, mailed or uploaded anywhere.
Every claim is an `<article id="claim-id">`, so a blogger can link to `index.html#training-cost-6m`; the
ClaimReview export uses the same `#claim-id` anchors for its `url`s.

Accessibility basics: `lang` on `<html>`, exactly one `<h1>`, headings that never skip a level, a skip link,
and verdict badges that carry their verdict as text (colour only repeats it) with at least 4.5:1 contrast.
Every piece of registry text goes through `html.escape`.
"""

from __future__ import annotations

import re
from html import escape

from .. import __version__
from ..model import Claim, Registry
from . import VERDICT_LABELS, VERDICT_MEANINGS

#: Section order of the page: the verdicts that correct a myth first.
SECTION_ORDER: tuple[str, ...] = ("false", "misleading", "needs-context", "unproven", "outdated", "true")

#: Badge colours (text, background); tests check each pair reaches WCAG AA contrast (4.5:1).
BADGE_COLOURS: dict[str, tuple[str, str]] = {
    "true": ("#ffffff", "#1a7f37"),
    "needs-context": ("#ffffff", "#0b6477"),
    "misleading": ("#ffffff", "#a84b00"),
    "false": ("#ffffff", "#c01c28"),
    "unproven": ("#ffffff", "#57606a"),
    "outdated": ("#ffffff", "#6639ba"),
}

_CSS = """\
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: #1f2328;
       font: 16px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; }
header, nav, main, footer { max-width: 58rem; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1.5rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem; border-bottom: 2px solid #d0d7de; }
h3 { font-size: 1.15rem; line-height: 1.35; margin: 1.25rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
a { color: #0550ae; }
a:focus-visible { outline: 3px solid #0550ae; outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: #ffffff; padding: .5rem; }
.skip:focus { left: 1rem; }
.lede { color: #1f2328; font-size: 1.05rem; }
.muted, .meta, .source, .count { color: #57606a; }
.badge { display: inline-block; padding: .05em .55em; margin-right: .15em; border-radius: .3em;
         font-size: .85em; font-weight: 700; letter-spacing: .02em; white-space: nowrap; vertical-align: .08em; }
.badge-true { color: #ffffff; background: #1a7f37; }
.badge-needs-context { color: #ffffff; background: #0b6477; }
.badge-misleading { color: #ffffff; background: #a84b00; }
.badge-false { color: #ffffff; background: #c01c28; }
.badge-unproven { color: #ffffff; background: #57606a; }
.badge-outdated { color: #ffffff; background: #6639ba; }
.legend, .tag-index, .tag-claims { padding-left: 0; list-style: none; }
.legend li { margin: .35rem 0; }
.tag-index { display: flex; flex-wrap: wrap; gap: .35rem .9rem; }
.tag-claims li { margin: .3rem 0; }
article { border-top: 1px solid #d0d7de; padding: .5rem 0 1rem; }
.summary { font-weight: 600; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; font-size: .95em; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
ol.citations { padding-left: 1.5rem; }
ol.citations li { margin: .5rem 0; }
blockquote { margin: 0; padding: .1rem 0 .1rem .75rem; border-left: 4px solid #d0d7de; }
.source { margin: .15rem 0 0; font-size: .95em; }
ol.history li { margin: .35rem 0; }
details { margin-top: .75rem; }
summary { cursor: pointer; color: #0550ae; }
footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid #d0d7de; font-size: .9em; }
@media print { nav, .skip, details { display: none; } article { break-inside: avoid; } }
"""

_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _e(text: object) -> str:
    return escape(str(text), quote=True)


def badge(verdict: str) -> str:
    """A verdict badge: the verdict as text, with colour as a second cue."""
    return f'<span class="badge badge-{_e(verdict)}">{_e(VERDICT_LABELS.get(verdict, verdict))}</span>'


def tag_anchors(tags: list[str]) -> dict[str, str]:
    """A unique `tag_...` anchor per tag. Page anchors other than claim ids contain `_`, which claim ids
    cannot, so they never collide with a claim's `#claim-id`."""
    anchors: dict[str, str] = {}
    used: set[str] = set()
    for tag in tags:
        slug = re.sub(r"[^a-z0-9]+", "-", tag.lower()).strip("-") or "tag"
        anchor, k = f"tag_{slug}", 2
        while anchor in used:
            anchor, k = f"tag_{slug}-{k}", k + 1
        used.add(anchor)
        anchors[tag] = anchor
    return anchors


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _date(value: str) -> str:
    return f'<time datetime="{_e(value)}">{_e(value)}</time>'


def _article(claim: Claim, tag_ids: dict[str, str], known_ids: set[str]) -> str:
    out = [f'<article id="{_e(claim.id)}">',
           f'<h3>{badge(claim.verdict)} <span class="claim-text">{_e(claim.claim)}</span></h3>',
           f'<p class="summary">{_e(claim.summary)}</p>',
           f'<p class="explanation">{_e(claim.explanation)}</p>',
           '<dl class="meta">',
           f"<dt>Verdict</dt><dd>{_e(VERDICT_LABELS.get(claim.verdict, claim.verdict))}</dd>",
           f"<dt>Verdict as of</dt><dd>{_date(claim.as_of)}</dd>"]
    if claim.review_by:
        out.append(f"<dt>Review by</dt><dd>{_date(claim.review_by)}</dd>")
    if claim.superseded_by:
        target = _e(claim.superseded_by)
        link = f'<a href="#{target}">{target}</a>' if claim.superseded_by in known_ids else target
        out.append(f"<dt>Superseded by</dt><dd>{link}</dd>")
    if claim.tags:
        links = ", ".join(f'<a href="#{_e(tag_ids[t])}">{_e(t)}</a>' for t in claim.tags)
        out.append(f"<dt>Tags</dt><dd>{links}</dd>")
    if claim.appearances:
        links = ", ".join(f'<a href="{_e(u)}" rel="nofollow noopener">{_e(u)}</a>' for u in claim.appearances)
        out.append(f"<dt>Seen at</dt><dd>{links}</dd>")
    out += [f'<dt>Claim id</dt><dd><a href="#{_e(claim.id)}"><code>{_e(claim.id)}</code></a></dd>', "</dl>",
            "<h4>Sources</h4>", '<ol class="citations">']
    for c in claim.citations:
        if c.url:
            where = f'<a href="{_e(c.url)}" rel="noopener"><cite>{_e(c.title or c.url)}</cite></a>'
        else:
            where = f"<cite>Seed article {_e(c.source)}</cite>"
        out.append(f'<li><blockquote class="quote">{_e(c.quote.strip())}</blockquote>'
                   f'<p class="source">Source: {where}</p></li>')
    out.append("</ol>")
    if claim.history:
        out += ["<h4>Corrections</h4>", '<ol class="history">']
        for h in claim.history:
            out.append(f"<li>{_date(h.date)}: changed from {badge(h.from_verdict)} to {badge(h.to_verdict)}: "
                       f"{_e(h.reason)}</li>")
        out.append("</ol>")
    if claim.phrasings:
        out += [f"<details><summary>How people say it ({len(claim.phrasings)})</summary><ul>",
                *(f"<li>{_e(p)}</li>" for p in claim.phrasings), "</ul></details>"]
    out.append("</article>")
    return "\n".join(out)


def default_title(registry: Registry) -> str:
    names = [m.name for m in registry.metadata if m.name] or ["claims"]
    return "Fact sheet: " + " + ".join(dict.fromkeys(names))


def render(registry: Registry, *, title: str | None = None, lang: str = "en") -> str:
    """The whole page as a string (deterministic: the same registry gives the same bytes)."""
    title = title or default_title(registry)
    claims = list(registry.claims)
    known_ids = {c.id for c in claims}
    by_verdict = {v: [c for c in claims if c.verdict == v] for v in SECTION_ORDER}
    extra = sorted({c.verdict for c in claims} - set(SECTION_ORDER))  # never happens with a valid registry
    by_verdict.update({v: [c for c in claims if c.verdict == v] for v in extra})
    tags = sorted({t for c in claims for t in c.tags}, key=str.lower)
    tag_ids = tag_anchors(tags)
    authors = sorted({m.author for m in registry.metadata if m.author})
    dates = sorted({c.as_of for c in claims} | {h.date for c in claims for h in c.history})

    lede = f"{_plural(len(claims), 'claim')}, each with a verdict, an explanation and sources quoted word for word"
    if authors:
        lede += f", reviewed by {', '.join(authors)}"
    lede += "."
    if dates:
        lede += (f" Verdicts reflect the evidence as of {dates[0]}" +
                 (f" to {dates[-1]}." if dates[-1] != dates[0] else "."))

    out = ["<!DOCTYPE html>", f'<html lang="{_e(lang)}">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
           f'<meta name="generator" content="factcheck {_e(__version__)}">',
           f"<title>{_e(title)}</title>", f"<style>\n{_CSS}</style>", "</head>", "<body>",
           '<a class="skip" href="#all_claims">Skip to the claims</a>',
           "<header>", f"<h1>{_e(title)}</h1>", f'<p class="lede">{_e(lede)}</p>', "</header>",
           '<nav aria-labelledby="site_index">', '<h2 id="site_index">Index</h2>',
           '<h3 id="index_by_verdict">By verdict</h3>', '<ul class="legend">']
    for v, group in by_verdict.items():
        if not group:
            continue
        out.append(f'<li>{badge(v)} <a href="#verdict_{_e(v)}">{_e(_plural(len(group), "claim"))}</a> '
                   f'<span class="muted">{_e(VERDICT_MEANINGS.get(v, ""))}</span></li>')
    out.append("</ul>")
    if tags:
        out += ['<h3 id="index_by_tag">By tag</h3>', '<ul class="tag-index">']
        for t in tags:
            n = sum(t in c.tags for c in claims)
            out.append(f'<li><a href="#{_e(tag_ids[t])}">{_e(t)}</a> <span class="count">({n})</span></li>')
        out.append("</ul>")
    out += ["</nav>", '<main id="all_claims">']
    for v, group in by_verdict.items():
        if not group:
            continue
        out += [f'<section aria-labelledby="verdict_{_e(v)}">',
                f'<h2 id="verdict_{_e(v)}">{badge(v)} {_e(_plural(len(group), "claim"))}</h2>',
                f'<p class="muted">{_e(VERDICT_MEANINGS.get(v, ""))}</p>']
        out += [_article(c, tag_ids, known_ids) for c in group]
        out.append("</section>")
    if tags:
        out += ['<section aria-labelledby="claims_by_tag">', '<h2 id="claims_by_tag">Claims by tag</h2>']
        for t in tags:
            out += [f'<h3 id="{_e(tag_ids[t])}">{_e(t)}</h3>', '<ul class="tag-claims">']
            out += [f'<li>{badge(c.verdict)} <a href="#{_e(c.id)}">{_e(c.claim)}</a></li>'
                    for c in claims if t in c.tags]
            out.append("</ul>")
        out.append("</section>")
    out += ["</main>", "<footer>",
            f"<p>Generated by factcheck {_e(__version__)}. Each quote is verbatim from the cited source; "
            f"link to a claim with <code>#claim-id</code>.</p>", "</footer>", "</body>", "</html>", ""]
    return "\n".join(out)
