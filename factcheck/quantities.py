"""Find figures in text and bring them to one form, so `$6M`, `6 million dollars` and `US$6,000,000` agree.

A figure is a number with an optional currency, magnitude (k, million, B...) and unit noun (GPUs,
parameters, tokens, GPU hours, %...). Values are returned in base units: dollars, GPUs, parameters.
Numbers may be spelled out ("two thousand and forty-eight") or written as powers of ten ("10^4", "1e4").
Bare years (1900-2099) are not figures, unless a word before them makes them a date ("founded in 2023");
calendar dates are figures in the units `day`, `month` and `year` (dates.py). Bare numbers are figures
without a unit and never conflict. A figure after "about", "roughly", "~"... is `approx` and compared
loosely; a count like "a few" or "several" is `vague` and never compared.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from .dates import CALENDAR_UNITS, date_conflicts, find_dates, format_date, year_date
from .model import Figure, Quantity, Conflict

#: How far a stated figure may stray from the registry's before it conflicts, by unit, when a figure does not
#: say: money is rounded freely ($5.576M is "$6M" or "$5.5M"), model sizes and GPU counts are exact.
DEFAULT_TOLERANCE = {"usd": 0.15, "cny": 0.15, "parameters": 0.01, "gpus": 0.01, "tokens": 0.05,
                     "gpu_hours": 0.05, "percent": 0.1, "experts": 0.0, "pages": 0.2, "steps": 0.1}

_WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40,
    "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "half a": 0.5,
    "a few": 3, "several": 5, "a dozen": 12, "dozens of": 36, "a couple of": 2, "a single": 1, "single": 1,
}
#: Word counts with no exact value: "one of a few expert sub-models" does not say how many experts there are.
_VAGUE_WORDS = frozenset({"a few", "several", "dozens of"})
#: Words that say the figure after them is rounded: "a roughly 2k-GPU cluster", "~10^4 steps".
_APPROX_RE = re.compile(r"(?:\b(?:about|around|roughly|approximately|approx\.?|nearly|almost|some|circa|ca\.|"
                        r"close\s+to)|~|≈|∼)\s*$", re.IGNORECASE)
#: How far an approximate figure may stray from a reference: enough for two-digit rounding ($5.576M is
#: "about $5.5M", 2,048 "roughly 2k"); one-digit rounding is allowed besides (`_rounds_to`).
APPROX_TOLERANCE = 0.1
#: Durations that, after another figure or "once"/"twice"/"times", are a rate: "$1 million a year".
_TIME_UNITS = frozenset({"days", "months", "years"})
_RATE_BEFORE_RE = re.compile(r"\b(?:once|twice|thrice|times|per)\s+$", re.IGNORECASE)

_MAGNITUDES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mil": 1e6, "mio": 1e6, "million": 1e6, "millions": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "billions": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12,
    "trillions": 1e12, "hundred": 1e2, "万": 1e4, "亿": 1e8,
}

_CURRENCIES = {"$": "usd", "us$": "usd", "usd": "usd", "¥": "cny", "rmb": "cny", "cny": "cny"}

# Unit nouns, most specific first (GPU hours before GPUs).
_UNIT_PATTERNS: tuple[tuple[str, str], ...] = (
    ("gpu_hours", r"(?:(?:nvidia\s+)?(?:h800|h100|a100)\s+)?(?:gpu[\s-]*)?(?:hours|hrs|hour)\b"),
    ("usd", r"(?:us\s+|u\.s\.\s+|american?\s+)?(?:dollars?|bucks|usd)\b"),  # fold() spells "US" "america"
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
    ("years", r"(?:years?|yrs?)\b"),
)

#: "hours" with no GPU named is GPU time only in the quantities training runs are counted in ("2,788,000
#: hours of H800 compute"); below this it is a duration.
_BARE_GPU_HOURS = 10_000
_GPU_QUALIFIER_RE = re.compile(r"gpu|h800|h100|a100", re.IGNORECASE)

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
# powers of ten: "10^4", "10**4", "10⁴", "1.04 x 10^4", "1e4" (fold() keeps "10⁴" as "10^4": NFKC would make it 104)
_SCI = (rf"(?:\d+(?:\.\d+)?\s?[x×*]\s?)?10(?:\s?(?:\^|\*\*)\s?\d{{1,2}}|[{_SUPERSCRIPTS}]{{1,2}})(?![\d{_SUPERSCRIPTS}])"
        r"|\d+(?:\.\d+)?e\+?\d{1,2}(?![\w.])")
_UNITS_WORDS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALE_WORDS = {"hundred": 100, "thousand": 1e3}
_W = "|".join(sorted(_UNITS_WORDS, key=len, reverse=True))
# "two thousand and forty-eight", "six hundred seventy-one": a spelled-out number before a magnitude or unit
_COMPOUND = rf"(?:{_W})(?:(?:\s+|-)(?:and[\s-]+)?(?:{_W}|hundred|thousand))+"
_WORDNUM = _COMPOUND + "|" + "|".join(sorted((re.escape(w) for w in _WORD_NUMBERS), key=len, reverse=True))
_MAG = r"thousand|millions?|billions?|trillions?|hundred|mn|mil|mio|bn|tn|k|m|b|t|万|亿"
_UNIT = "|".join(f"(?P<u_{name}>{pat})" for name, pat in _UNIT_PATTERNS)

_FIGURE_RE = re.compile(
    rf"(?<![\w.$])(?P<cur>us\$|\$|usd\s?|¥|rmb\s?|cny\s?)?"
    # a spelled-out number ends at a space, or at a hyphen before its magnitude ("six-hundred-seventy-one-billion")
    rf"(?:(?P<num>{_SCI}|{_NUM})(?:\s?(?:-|–|to)\s?(?P<num2>{_NUM}))?"
    rf"|(?P<wnum>{_WORDNUM})(?=\s|-(?:thousand|million|billion|trillion)\b))"
    rf"(?:\s?-?\s?(?P<mag>{_MAG})(?![a-z0-9]))?"
    # up to three spaces before the unit: fold() pads the names it rewrites ("US dollars" -> " america  dollars")
    rf"(?:\s{{0,3}}-?\s?(?:(?:active|total|routed|activated)\s+)?(?:{_UNIT}))?",
    re.IGNORECASE,
)

#: A bare count of millions is money when the sentence talks of spending and the figure is not counting
#: something named after it ("6 million users"): what follows is an end, a preposition or a money noun, and
#: the sentence speaks of costs or the figure is a price ("for 6 mil").
_MONEY_CONTEXT_RE = re.compile(r"\b(?:cost\w*|budget\w*|spen[dt]\w*|pric\w*|paid|pay\w*|bill|cheap\w*|expens\w*|"
                               r"price tag|train(?:ed|ing)? (?:it )?for|built (?:it )?for|made (?:it )?for)\b",
                               re.IGNORECASE)
_MONEY_AFTER_RE = re.compile(r"\s*(?:[.,;:!?)]|$|(?:budget|price|bill|tag|total|in|on|for|to|and|or|with|"
                             r"training|run|of compute)\b)", re.IGNORECASE)
_PRICE_BEFORE_RE = re.compile(r"\bfor\s+(?:(?:like|about|just|only|roughly|around|under|less than|a mere|a)\s+)*$",
                              re.IGNORECASE)
#: What may follow a bare "<n>B" for it to be a model size: an end, a punctuation mark or a joining word, not
#: a noun it counts ("1.5B users", "2B downloads").
_BARE_B_AFTER_RE = re.compile(r"\s*(?:$|[^\w\s]|(?:and|or|to|up|in|on|of|with|for|at|all|models?)\b)", re.IGNORECASE)
_MODEL_NOUN_RE = re.compile(r"\s*-?\s*(?:model|moe|llm|dense|network|active|activated|total|weights)\b")
# words around a bare count of billions that make it a number of parameters, for comparing figures only
# (`Quantity.context_unit`): "70 billion per token", "activates about 70 billion". Not "of which 2.4B are
# activated": that wording is a model card's, which mostly describes another model than the claim's.
_PER_TOKEN_RE = re.compile(r"\s*(?:parameters?\s+)?(?:per|for\s+each|for\s+every|each|every)\s+token\b")
_ACTIVATES_RE = re.compile(r"\bactivat(?:es|ing|e|ed)\s+(?:(?:only|just|about|around|roughly|approximately|"
                           r"some|nearly|almost)\s+|~\s*)*$")


def _number(text: str) -> float:
    """The value of a written number: '2,048' -> 2048, '10^4' and '10⁴' -> 10000, '1.04 x 10^4' -> 10400."""
    text = text.replace(",", "")
    power = re.fullmatch(rf"(?:([\d.]+)\s?[x×*]\s?)?10\s?(?:\^|\*\*)?\s?([\d{_SUPERSCRIPTS}]+)", text)
    if power and ("^" in text or "*" in text or power.group(2)[0] in _SUPERSCRIPTS):
        exponent = int(power.group(2).translate(str.maketrans(_SUPERSCRIPTS, "0123456789")))
        return float(power.group(1) or 1) * 10.0 ** exponent
    return float(text)


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


def _is_rate(text: str, m: re.Match, found: list[Quantity]) -> bool:
    """Whether "a year" (or "a day", "a month") is the rate of a figure before it, not a duration: "$1
    million a year", "twice a year"."""
    before = text[:m.start()]
    if found and not before[found[-1].end:].strip():
        return True
    return _RATE_BEFORE_RE.search(before[-12:]) is not None


def find_quantities(text: str) -> list[Quantity]:
    """Every figure in `text` (already case-folded or not), calendar dates included, in order of appearance."""
    dates = find_dates(text) if any(c.isdigit() for c in text) else []
    found: list[Quantity] = []
    for m in _FIGURE_RE.finditer(text):
        if any(d.start < m.end() and m.start() < d.end for d in dates):
            continue  # the "20" and "2025" of "January 20, 2025"
        cur, num, wnum, mag = m.group("cur"), m.group("num"), m.group("wnum"), m.group("mag")
        unit = next((name for name, _ in _UNIT_PATTERNS if m.group(f"u_{name}")), None)
        if wnum is not None:
            if mag is None and unit is None:
                continue  # "one" or "a" on their own are words, not figures
            if unit in _TIME_UNITS and not mag and wnum.lower() in ("a", "an") and _is_rate(text, m, found):
                continue
            if unit in _TIME_UNITS and wnum.lower().endswith("single"):
                continue  # "in a single day" says how fast, not how long
            value = _spelled(wnum)
        else:
            value = _number(num)
            if m.group("num2"):
                value = (value + _number(m.group("num2"))) / 2
        if unit == "gpu_hours" and not _GPU_QUALIFIER_RE.search(m.group("u_gpu_hours")) \
                and value * _MAGNITUDES.get((mag or "").lower(), 1.0) < _BARE_GPU_HOURS:
            unit = "hours"  # "down for an hour", "six hours on Tuesday": a duration, not GPU time
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
        context_unit = None
        if unit is None and mag_l in ("b", "t", "billion", "trillion") and not cur:
            if _MODEL_NOUN_RE.match(text, m.end()):
                unit = "parameters"
            elif _PER_TOKEN_RE.match(text, m.end()) or _ACTIVATES_RE.search(text[max(0, m.start() - 40):m.start()]):
                context_unit = "parameters"
            elif mag_l == "b" and _BARE_B_AFTER_RE.match(text, m.end()):
                context_unit = "parameters"  # "from 1.5B up to 405B": a model size, written the way model names are
        if unit is None and not cur and mag_l in ("million", "millions", "mil", "mn", "mio") \
                and _MONEY_AFTER_RE.match(text, m.end()) \
                and (_MONEY_CONTEXT_RE.search(text)
                     or _PRICE_BEFORE_RE.search(text[max(0, m.start() - 30):m.start()])):
            unit = "usd"  # "a GPT-4o-level model for 6 mil", "a 6 million budget": money, said without a currency
        if unit is None and not mag_l and not cur and num and re.fullmatch(r"(?:19|20)\d\d", num):
            # a year: a date after "in", "since"..., else not a figure
            year = None if m.group("num2") else year_date(text, m.start("num"), m.end("num"))
            if year is not None:
                found.append(year)
            continue
        words = " ".join((wnum or "").lower().split())
        approx = _APPROX_RE.search(text[max(0, m.start() - 16):m.start()]) is not None or words == "a couple of"
        found.append(Quantity(value=value, unit=unit, text=m.group(0).strip(), start=m.start(), end=m.end(),
                              approx=approx, vague=words in _VAGUE_WORDS, context_unit=context_unit))
    if dates:
        found = sorted(found + dates, key=lambda q: q.start)
    return found


def magnitude_bucket(value: float) -> int:
    """The order of magnitude of a value, for index tokens that tell $6M apart from $589B."""
    return int(math.floor(math.log10(value))) if value > 0 else 0


def _close(value: float, reference: float, tolerance: float) -> bool:
    return abs(value - reference) <= tolerance * max(abs(reference), 1e-9)


def _rounds_to(reference: float, value: float) -> bool:
    """Whether `value` is `reference` rounded to one or two significant digits: "about 40 billion" for 37B,
    "roughly 300 experts" for 256, but not "about 70 billion" for 37B nor "about a trillion" for 671B."""
    return any(math.isclose(float(f"{reference:.{digits}e}"), value, rel_tol=1e-9) for digits in (0, 1))


def _agrees(q: Quantity, reference: float, tolerance: float) -> bool:
    """Whether a statement's figure agrees with a reference value. A hedged figure ("about", "~") agrees
    within APPROX_TOLERANCE or when it is the reference rounded to one or two significant digits: the
    speaker said they rounded, so "a roughly 2k-GPU cluster" does not contradict 2,048 GPUs."""
    if _close(q.value, reference, tolerance):
        return True
    return q.approx and (_close(q.value, reference, APPROX_TOLERANCE) or _rounds_to(reference, q.value))


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


#: A statement's figure more than this many orders of magnitude from every registry figure of its unit is
#: another quantity, not another value of that figure: a $2.19 API price beside a $5.6 million training
#: cost, a $142 share price beside a $589 billion loss. "R1 cost $1 billion" (2.3 orders off $5.6 million)
#: still conflicts. On the studied sets it drops 2 of 24 false conflicts and none of 291 found.
CONFLICT_ORDERS = 3.0


def conflicts(quantities: list[Quantity] | tuple[Quantity, ...], figures: tuple[Figure, ...],
              stated: tuple[Quantity, ...] = ()) -> tuple[Conflict, ...]:
    """Figures in a statement that disagree with every registry figure of the same unit.

    A statement's figure agrees when it is within the registry figure's relative tolerance of any figure of
    that unit, or repeats a figure of the claim's own wording (quoting a myth's number is affirming the
    myth, which the verdict already covers). For units the registry gives no figure for, the claim's own
    figures stand in ("R1 cost $500 million" against "R1 cost only $6 million"). Yuan and dollars are
    compared at a fixed rate. Units neither has are ignored. Hedged figures ("about 2k") are compared
    loosely (`_agrees`), vague ones ("a few") not at all, and one more than CONFLICT_ORDERS orders of
    magnitude from every figure of its unit is another quantity. Calendar dates are compared with the dates of the
    claim's own sentence only, by `dates.date_conflicts`; they are never compared with durations.
    """
    own_figures = tuple(s for s in stated if s.unit not in CALENDAR_UNITS and not s.vague)
    out: list[Conflict] = []
    for q in quantities:
        if q.unit is None and q.context_unit is not None:
            q = replace(q, unit=q.context_unit)
        if q.unit is None or q.unit in CALENDAR_UNITS or q.vague:
            continue
        same = [f for f in (_in_unit(f, q.unit) for f in figures) if f is not None]
        if any(_agrees(q, f.value, f.tolerance) for f in same):
            continue
        if any(s.unit == q.unit and _agrees(q, s.value, DEFAULT_TOLERANCE.get(q.unit, 0.05)) for s in own_figures):
            continue
        if not same:
            own = [Figure(s.value, s.unit, "the claim's own figure", DEFAULT_TOLERANCE.get(s.unit, 0.05))
                   for s in own_figures if s.unit]
            same = [f for f in (_in_unit(f, q.unit) for f in own) if f is not None]
        if not same:
            continue
        nearest = min(same, key=lambda f: abs(math.log10(max(q.value, 1e-9)) - math.log10(max(f.value, 1e-9))))
        if abs(math.log10(max(q.value, 1e-9)) - math.log10(max(nearest.value, 1e-9))) > CONFLICT_ORDERS:
            continue
        out.append(Conflict(unit=q.unit, stated=q.value, registry=nearest.value, stated_text=q.text,
                            label=nearest.label))
    calendar = [q for q in quantities if q.unit in CALENDAR_UNITS]
    if calendar:
        out.extend(date_conflicts(calendar, [s for s in stated if s.unit in CALENDAR_UNITS]))
    return tuple(out)


def format_figure(value: float, unit: str | None) -> str:
    """How a figure's value reads, for renderers: dates as dates ('January 20, 2025', 'November 2024',
    '2023'), other figures as a number and unit ('2,048 gpus', '5.576 million usd')."""
    if unit in CALENDAR_UNITS:
        return format_date(unit, value)
    for size, suffix in ((1e12, " trillion"), (1e9, " billion"), (1e6, " million")):
        if value >= size:
            return f"{value / size:g}{suffix} {unit or ''}".rstrip()
    number = f"{value:,.0f}" if value == int(value) else f"{value:g}"
    return f"{number} {unit or ''}".rstrip()


def describe_conflict(conflict: Conflict) -> str:
    """One line for renderers: '50,000 h100s: stated 50,000 gpus, registry 2,048 gpus (V3's cluster)'. The
    statement's own words lead only when they say more than the normalised figure (not for dates)."""
    stated = format_figure(conflict.stated, conflict.unit)
    lead = "" if conflict.unit in CALENDAR_UNITS or conflict.stated_text.casefold() == stated.casefold() \
        else f"{conflict.stated_text}: "
    label = f" ({conflict.label})" if conflict.label else ""
    return f"{lead}stated {stated}, registry {format_figure(conflict.registry, conflict.unit)}{label}"


def corrects_claim(quantities: list[Quantity] | tuple[Quantity, ...], figures: tuple[Figure, ...],
                   stated: tuple[Quantity, ...]) -> Quantity | None:
    """A statement figure that gives the registry's value where the claim's own wording gives another.

    "V3 was trained on 14.8T tokens" matched to the myth "V3 was trained on 17.6 trillion tokens" states
    the correct figure: it contradicts the myth rather than repeating it. Returns that figure, or None.
    """
    for q in quantities:
        if q.vague or q.unit in CALENDAR_UNITS:
            continue
        if q.unit is None and q.value >= 1e6:
            # "14.8T high-quality tokens": a bare large figure that equals a registry figure takes its unit
            unit = next((f.unit for f in figures if _close(q.value, f.value, f.tolerance)), None)
            if unit is not None:
                q = Quantity(value=q.value, unit=unit, text=q.text, start=q.start, end=q.end)
        if q.unit is None:
            continue
        own = [s for s in stated if s.unit == q.unit]
        tol = DEFAULT_TOLERANCE.get(q.unit, 0.05)
        if not own or any(_close(x.value, s.value, tol) for x in (q, *quantities) if x.unit == q.unit for s in own):
            continue  # the statement repeats the claim's own figure somewhere: it is not a correction
        if any(f.unit == q.unit and _close(q.value, f.value, f.tolerance) for f in figures):
            return q
    return None
