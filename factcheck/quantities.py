"""Find figures in text and bring them to one form, so `$6M`, `6 million dollars` and `US$6,000,000` agree.

A figure is a number with an optional currency, magnitude (k, million, B...) and unit noun (GPUs,
parameters, tokens, GPU hours, %...). Values are returned in base units: dollars, GPUs, parameters.
Bare years (1900-2099) are not figures; bare numbers are figures without a unit and never conflict.
"""

from __future__ import annotations

import math
import re

from .model import Figure, Quantity, Conflict

#: How far a stated figure may stray from the registry's before it conflicts, by unit, when a figure does not
#: say: money is rounded freely ($5.576M is "$6M" or "$5.5M"), model sizes and GPU counts are exact.
DEFAULT_TOLERANCE = {"usd": 0.15, "cny": 0.15, "parameters": 0.01, "gpus": 0.01, "tokens": 0.05,
                     "gpu_hours": 0.05, "percent": 0.1, "experts": 0.0, "pages": 0.2, "steps": 0.1}

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half a": 0.5,
    "a few": 3, "several": 5, "a dozen": 12, "dozens of": 36, "a couple of": 2,
}

_MAGNITUDES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
    "trillions": 1e12, "hundred": 1e2, "万": 1e4, "亿": 1e8,
}

_CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "¥": "cny", "rmb": "cny", "cny": "cny"}

# Unit nouns, most specific first (GPU hours before GPUs).
_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("gpu_hours", r"(?:(?:nvidia\s+)?(?:h800|h100|a100)\s+)?(?:gpu[\s-]*)?(?:hours|hrs|hour)\b"),
    ("usd", r"(?:us\s+|u\.s\.\s+|american\s+)?(?:dollars?|bucks|usd)\b"),
    ("cny", r"(?:chinese\s+)?(?:yuan|rmb|renminbi|元)"),
    ("gpus", r"(?:(?:nvidia|nvda)\s+)?(?:(?:h100|h800|a100|a800|h20|b200|h200)s?(?:\s+(?:gpus?|chips?|cards?))?"
             r"|gpus?\b|chips?\b|graphics\s+cards?\b|accelerators?\b|cards\b)"),
    ("parameters", r"(?:-?\s*parameters?|-?\s*params?)\b"),
    ("tokens", r"tokens?\b"),
    ("percent", r"(?:%|percent\b|per\s+cent\b|pct\b)"),
    ("steps", r"(?:(?:rl|training|gradient)\s+)?steps?\b"),
    ("pages", r"pages?\b"),
    ("experts", r"(?:routed\s+)?experts?\b"),
    ("countries", r"countries\b"),
    ("days", r"days?\b"),
    ("months", r"months?\b"),
)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE_WORDS = {"hundred": 100, "thousand": 1e3}
_W = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
# "two thousand and forty-eight", "six hundred seventy-one": a spelled-out number before a magnitude or unit
_COMPOUND = rf"(?:{_W})(?:(?:\s+|-)(?:and\s+)?(?:{_W}|hundred|thousand))+"
_WORDNUM = _COMPOUND + "|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_MAG = r"thousand|millions?|billions?|trillions?|hundred|mn|mil|mio|bn|tn|k|m|b|t|万|亿"
_UNIT = "|".join(f"(?P<u_{name}>{pat})" for name, pat in _UNIT_PATTERNS)

_FIGURE_RE = re.compile(
    rf"(?<![\w.$])(?P<cur>us\$|\$|usd\s?|¥|rmb\s?|cny\s?)?"
    rf"(?:(?P<num>{_NUM})(?:\s?(?:-|–|to)\s?(?P<num2>{_NUM}))?|(?P<wnum>{_WORDNUM})(?=\s))"
    rf"(?:\s?-?\s?(?P<mag>{_MAG})(?![a-z0-9]))?"
    rf"(?:\s?-?\s?(?:(?:active|total|routed|activated)\s+)?(?:{_UNIT}))?",
    re.IGNORECASE,
)

_MODEL_NOUN_RE = re.compile(r"\s*-?\s*(?:model|moe|llm|dense|network|active|activated|total|weights)\b")


def _number(text: str) -> float:
    return float(text.replace(",", ""))


def _spelled(text: str) -> float:
    """The value of a spelled-out number: 'two thousand and forty-eight' -> 2048."""
    words = [w for w in re.split(r"[\s-]+", text.lower()) if w and w != "and"]
    if len(words) == 1 or words[0] in ("a", "an", "half", "several", "dozens", "a few"):
        key = " ".join(words)
        if key in _WORD_NUMBERS:
            return float(_WORD_NUMBERS[key])
    total, current = 0.0, 0.0
    for w in words:
        if w in _UNITS_WORDS:
            current += _UNITS_WORDS[w]
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0.0
        elif w in _WORD_NUMBERS:
            current += _WORD_NUMBERS[w]
    return total + current


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in `text` (already case-folded or not), in order of appearance."""
    found: list[Quantity] = []
    for m in _FIGURE_RE.finditer(text):
        cur, num, wnum, mag = m.group("cur"), m.group("num"), m.group("wnum"), m.group("mag")
        unit = next((name for name, _ in _UNIT_PATTERNS if m.group(f"u_{name}")), None)
        if wnum is not None:
            if mag is None and unit is None:
                continue  # "one" or "a" on their own are words, not figures
            value = _spelled(wnum)
        else:
            value = _number(num)
            if m.group("num2"):
                value = (value + _number(m.group("num2"))) / 2
        mag_l = (mag or "").lower()
        if mag_l in ("m", "b", "t", "k") and not (cur or unit or mag_l in ("b", "t")):
            # "6m" with no currency and no unit could be metres or minutes; "671b" is a model size.
            if mag_l in ("m", "k"):
                mag_l = ""
        if mag_l:
            value *= _MAGNITUDES[mag_l]
        if cur:
            currency = _CURRENCIES[cur.strip().lower()]
            if unit in (None, currency):
                unit = currency
        if unit is None and mag_l in ("b", "t", "billion", "trillion") and not cur:
            if _MODEL_NOUN_RE.match(text, m.end()):
                unit = "parameters"
        if unit is None and not mag_l and not cur and num and re.fullmatch(r"(?:19|20)\d\d", num):
            continue  # a year
        found.append(Quantity(value=value, unit=unit, text=m.group(0).strip(), start=m.start(), end=m.end()))
    return found


def magnitude_bucket(value: float) -> int:
    """The order of magnitude of a value, for index tokens that tell $6M apart from $589B."""
    return int(math.floor(math.log10(value))) if value > 0 else 0


def _close(value: float, reference: float, tolerance: float) -> bool:
    return abs(value - reference) <= tolerance * max(abs(reference), 1e-9)


#: Used only to compare a figure in yuan with one in dollars (early-2025 rate); the conflict is reported in
#: the statement's own currency.
CNY_PER_USD = 7.2


def _in_unit(figure: Figure, unit: str) -> Figure | None:
    if figure.unit == unit:
        return figure
    if {figure.unit, unit} == {"usd", "cny"}:
        rate = CNY_PER_USD if unit == "cny" else 1 / CNY_PER_USD
        return Figure(value=figure.value * rate, unit=unit, label=figure.label, tolerance=figure.tolerance)
    return None


def conflicts(quantities: list[Quantity] | tuple[Quantity, ...], figures: tuple[Figure, ...],
              stated: tuple[Quantity, ...] = ()) -> tuple[Conflict, ...]:
    """Figures in a statement that disagree with every registry figure of the same unit.

    A statement's figure agrees when it is within the registry figure's relative tolerance of any figure of
    that unit, or repeats a figure of the claim's own wording (quoting a myth's number is affirming the
    myth, which the verdict already covers). For units the registry gives no figure for, the claim's own
    figures stand in ("R1 cost $500 million" against "R1 cost only $6 million"). Yuan and dollars are
    compared at a fixed rate. Units neither has are ignored.
    """
    out: list[Conflict] = []
    for q in quantities:
        if q.unit is None:
            continue
        same = [f for f in (_in_unit(f, q.unit) for f in figures) if f is not None]
        if any(_close(q.value, f.value, f.tolerance) for f in same):
            continue
        if any(s.unit == q.unit and _close(q.value, s.value, DEFAULT_TOLERANCE.get(q.unit, 0.05)) for s in stated):
            continue
        if not same:
            own = [Figure(s.value, s.unit, "the claim's own figure", DEFAULT_TOLERANCE.get(s.unit, 0.05))
                   for s in stated if s.unit]
            same = [f for f in (_in_unit(f, q.unit) for f in own) if f is not None]
        if not same:
            continue
        nearest = min(same, key=lambda f: abs(math.log10(max(q.value, 1e-9)) - math.log10(max(f.value, 1e-9))))
        out.append(Conflict(unit=q.unit, stated=q.value, registry=nearest.value, stated_text=q.text,
                            label=nearest.label))
    return tuple(out)


def corrects_claim(quantities: list[Quantity] | tuple[Quantity, ...], figures: tuple[Figure, ...],
                   stated: tuple[Quantity, ...]) -> Quantity | None:
    """A statement figure that gives the registry's value where the claim's own wording gives another.

    "V3 was trained on 14.8T tokens" matched to the myth "V3 was trained on 17.6 trillion tokens" states
    the correct figure: it contradicts the myth rather than repeating it. Returns that figure, or None.
    """
    for q in quantities:
        if q.unit is None and q.value >= 1e6:
            # "14.8T high-quality tokens": a bare large figure that equals a registry figure takes its unit
            unit = next((f.unit for f in figures if _close(q.value, f.value, f.tolerance)), None)
            if unit is not None:
                q = Quantity(value=q.value, unit=unit, text=q.text, start=q.start, end=q.end)
        if q.unit is None:
            continue
        own = [s for s in stated if s.unit == q.unit]
        tol = DEFAULT_TOLERANCE.get(q.unit, 0.05)
        if not own or any(_close(x.value, s.value, tol) for x in quantities if x.unit == q.unit for s in own):
            continue  # the statement repeats the claim's own figure somewhere: it is not a correction
        if any(f.unit == q.unit and _close(q.value, f.value, f.tolerance) for f in figures):
            return q
    return None
