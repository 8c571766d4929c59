"""Plain data that flows between factcheck's modules.

Every type here is a frozen dataclass holding plain values, so the registry, the matcher, the linter and
the renderers can pass results around without knowing each other's internals.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: The verdict vocabulary, from best to worst supported.
VERDICTS: tuple[str, ...] = ("true", "needs-context", "misleading", "false", "unproven", "outdated")

#: Verdicts whose claim is wrong as people state it: affirming one of these is a finding that fails a run.
WRONG_VERDICTS: frozenset[str] = frozenset({"false", "misleading"})

AFFIRMS = "affirms"
DENIES = "denies"
ASKS = "asks"  # a direct question about the claim ("Did DeepSeek spend only $6M?"): it asserts nothing


@dataclass(frozen=True)
class Citation:
    """One piece of evidence: a verbatim quote from a seed file (`source`) or from a primary source (`url`)."""

    quote: str
    source: str | None = None
    url: str | None = None
    title: str | None = None

    def to_dict(self) -> dict:
        out: dict = {"source": self.source} if self.source else {"url": self.url, "title": self.title}
        out["quote"] = self.quote
        return out


@dataclass(frozen=True)
class Figure:
    """A number the evidence establishes for a claim's topic, with its unit and relative tolerance."""

    value: float
    unit: str
    label: str = ""
    tolerance: float = 0.2


@dataclass(frozen=True)
class HistoryEntry:
    """One correction of a verdict: when, from what, to what and why."""

    date: str
    from_verdict: str
    to_verdict: str
    reason: str


@dataclass(frozen=True)
class Claim:
    """A reviewed claim of the registry."""

    id: str
    verdict: str
    claim: str
    summary: str
    explanation: str
    phrasings: tuple[str, ...]
    citations: tuple[Citation, ...]
    as_of: str
    requires: tuple[tuple[str, ...], ...] = ()
    figures: tuple[Figure, ...] = ()
    tags: tuple[str, ...] = ()
    review_by: str | None = None
    superseded_by: str | None = None
    history: tuple[HistoryEntry, ...] = ()
    registry: str = ""  # the file the claim came from
    appearances: tuple[str, ...] = ()  # URLs where the claim was made (ClaimReview `itemReviewed.appearance`)
    # statements of the contrary fact ("V3 was released a month before R1" for "R1 is older than V3"): a
    # writer who corrects a claim often states the truth without negating the claim's words, so affirming
    # a counter denies the claim
    counters: tuple[str, ...] = ()

    @property
    def texts(self) -> tuple[str, ...]:
        """Every statement of the claim the matcher indexes: the claim sentence, then its phrasings."""
        return (self.claim, *self.phrasings)


@dataclass(frozen=True)
class RegistryMeta:
    """The top-level metadata of one registry file: its short name, who reviews it, where it is published."""

    path: str
    name: str = ""
    author: str = ""
    url: str = ""  # where the published fact sheet lives; ClaimReview urls are url#claim-id


@dataclass(frozen=True)
class Registry:
    """The claims of one or more registry files, merged, in file order."""

    claims: tuple[Claim, ...]
    sources: tuple[str, ...] = ()  # the registry files, in load order
    fingerprint: str = ""  # content hash of every file, used to key the index cache
    metadata: tuple[RegistryMeta, ...] = ()  # one per registry file, in load order

    def get(self, claim_id: str) -> Claim | None:
        for claim in self.claims:
            if claim.id == claim_id:
                return claim
        return None

    def meta_for(self, claim: Claim) -> RegistryMeta:
        """The metadata of the file a claim came from (empty metadata when it is not known)."""
        for meta in self.metadata:
            if meta.path == claim.registry:
                return meta
        return RegistryMeta(path=claim.registry)


@dataclass(frozen=True)
class Quantity:
    """A figure found in text: its value in base units (dollars, parameters, GPUs...) and where it stood."""

    value: float
    unit: str | None  # a figure unit ("usd", "gpus", "months"...), a calendar unit ("day", "month", "year") or None
    text: str
    start: int = 0
    end: int = 0
    approx: bool = False  # hedged ("about 2k GPUs", "~10^4 steps"): compared with a wider tolerance
    vague: bool = False  # a count with no exact value ("a few experts", "several GPUs"): never compared
    # the unit the words around a bare figure imply ("activates 70 billion per token": parameters): figures are
    # compared in it, but it is not indexed, so the index and the fitted matcher do not change with it
    context_unit: str | None = None


@dataclass(frozen=True)
class Conflict:
    """A figure in a statement that disagrees with the registry's figure for the same unit (or with the claim's
    own figure or date; see `quantities.conflicts`). `format_figure(value, unit)` reads a value aloud."""

    unit: str
    stated: float
    registry: float
    stated_text: str
    label: str = ""

    def to_dict(self) -> dict:
        """The conflict as JSON; a date conflict (unit `day`, `month` or `year`, whose values are sortable
        numbers such as ordinals) also gives both dates in ISO 8601 form, `stated_date` and `registry_date`."""
        out = {"unit": self.unit, "stated": self.stated, "registry": self.registry,
               "stated_text": self.stated_text, "label": self.label}
        from .dates import CALENDAR_UNITS, iso_date  # dates.py builds Quantity objects: imported late

        if self.unit in CALENDAR_UNITS:
            out["stated_date"] = iso_date(self.unit, self.stated)
            out["registry_date"] = iso_date(self.unit, self.registry)
        return out


@dataclass(frozen=True)
class Alternative:
    """A runner-up claim and its score."""

    id: str
    score: float


@dataclass(frozen=True)
class Explanation:
    """Why the matcher chose a claim, for `--explain`: the phrasing, shared rare words, figures, stance cue."""

    phrasing: str
    shared_terms: tuple[str, ...]
    quantities: tuple[str, ...]
    stance_cue: str


@dataclass(frozen=True)
class Match:
    """A statement matched to a claim."""

    claim: Claim
    score: float  # 0-100
    stance: str  # AFFIRMS, DENIES or ASKS
    conflicts: tuple[Conflict, ...] = ()
    why: Explanation | None = None

    @property
    def is_wrong(self) -> bool:
        """True when the statement asserts something the registry rates wrong (a failing finding)."""
        if self.stance == ASKS:
            return False
        if self.stance == AFFIRMS:
            return self.claim.verdict in WRONG_VERDICTS
        return self.claim.verdict == "true"


@dataclass(frozen=True)
class CheckResult:
    """The answer for one statement: the match (or None when the matcher abstains) and the runners-up."""

    input: str
    match: Match | None
    alternatives: tuple[Alternative, ...] = field(default=())


CONSISTENT = "consistent"  # affirms a true claim, or denies one rated false or misleading
WRONG = "wrong"  # affirms a claim rated false or misleading, or denies a true one
CAVEAT = "caveat"  # touches a claim rated needs-context, unproven or outdated


@dataclass(frozen=True)
class Finding:
    """A sentence of a linted file that makes a registry claim, and where it stands (1-based positions)."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int  # the column just past the sentence's last character, as in SARIF regions
    sentence: str  # the sentence as the matcher saw it: markup removed, white space collapsed
    claim: Claim
    stance: str  # AFFIRMS or DENIES
    score: float  # 0-100
    failing: bool  # whether this finding fails the run under the `--fail-on` level in force
    conflicts: tuple[Conflict, ...] = ()
    highlights: tuple[tuple[int, int], ...] = ()  # (start, end) spans of `sentence` that carry the claim

    @property
    def claim_id(self) -> str:
        return self.claim.id

    @property
    def verdict(self) -> str:
        return self.claim.verdict

    @property
    def summary(self) -> str:
        return self.claim.summary

    @property
    def assessment(self) -> str:
        """WRONG, CONSISTENT or CAVEAT: what the sentence does with the claim, whatever `--fail-on` says."""
        if self.stance == AFFIRMS:
            if self.verdict in WRONG_VERDICTS:
                return WRONG
            return CONSISTENT if self.verdict == "true" else CAVEAT
        if self.verdict == "true":
            return WRONG
        return CONSISTENT if self.verdict in WRONG_VERDICTS else CAVEAT


@dataclass(frozen=True)
class SkippedInput:
    """An input that could not be linted, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True)
class LintReport:
    """Everything one `factcheck lint` run found, for the renderers."""

    findings: tuple[Finding, ...]  # the findings to show, in file and position order
    files: int  # how many inputs were linted
    skipped: tuple[SkippedInput, ...] = ()
    fail_on: str = "misleading"
    total_findings: int = 0  # every finding, shown or not

    @property
    def failing(self) -> int:
        return sum(1 for f in self.findings if f.failing)
