"""Turn a statement into the terms the matcher compares: one spelling per name, one token per figure, stems.

The same function analyses registry phrasings and user statements, so whatever it does to one side it
does to the other: `DeepSeek-R1`, `深度求索的R1` and `R1` all become `deepseek r1`/`r1`; `$6M` and
`six million dollars` both become the figure tokens `qtyusd qtyusd6`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .model import Quantity
from .dates import CALENDAR_UNITS
from .quantities import find_quantities, magnitude_bucket

# Chinese names of the companies, people and products the claims mention, so that "华为云" meets "Huawei Cloud".
# They never match ASCII text, so the ASCII fast path of `fold` skips them (see _ALIAS_ANCHORS).
_CJK_ALIASES: tuple[tuple[str, str], ...] = (
    (r"深度求索", " deepseek "),
    (r"华为", " huawei "), (r"腾讯", " tencent "), (r"百度", " baidu "), (r"阿里巴巴|阿里", " alibaba "),
    (r"字节跳动|字节", " bytedance "), (r"火山引擎", " volcano engine "), (r"梁文锋", " liang wenfeng "),
    (r"中芯国际|中芯", " smic "), (r"金山", " kingsoft "), (r"月之暗面", " moonshot "), (r"智谱", " zhipu "),
    (r"通义千问|千问", " qwen "), (r"豆包", " doubao "), (r"美国", " america "), (r"开源", " opensource "),
    (r"云(?:服务|平台|计算)?", " cloud "),
)
# Spelling variants of the names people use, mapped to one token each. Order matters: longer names first.
_ALIASES: tuple[tuple[str, str], ...] = _CJK_ALIASES + (
    (r"幻方量化|幻方|high[\s-]?flyer(?:\s+(?:capital|quant))?|huan[\s-]?fang(?:\s+quant)?", " highflyer "),
    (r"英伟达|\bnvda\b|\bnvidea\b|\bnvdia\b|\bnividia\b", " nvidia "),
    (r"\bdeep[\s-]?seek(?:[\s-]?ai)?\b|\bdeepseeks?\b", " deepseek "),
    (r"\b(?:deepseek[\s-]?)?r1[\s-]?zero\b", " r1zero "),
    (r"\bdeepseek[\s-]?r1\b", " deepseek r1 "),
    (r"\bdeepseek[\s-]?v(\d)(?:\.\d)?\b", r" deepseek v\1 "),
    (r"\bv(\d)\.5\b", r" v\1 "),
    # other models of the V2 family are not V2 ("DeepSeek-Coder-V2 arrived in June 2024")
    (r"\bcoder[\s-]?v2\b", " coderv2 "),
    # a version of an API or a format is not a DeepSeek model ("the v2 API is new", "OpenAPI v2")
    (r"(?<!deepseek )(?<!deepseek  )(?<!deepseek -)(?<!deepseek-)\bv[1-4]\s+((?:open)?apis?|sdk|endpoints?|schema|spec|"
     r"protocol)\b", r" \1 "),
    (r"\b((?:open)?api|sdk|schema|spec|protocol)\s+v[1-4]\b", r" \1 "),
    (r"\bv2[\s-]lite\b", " v2lite "),
    (r"\bopen[\s-]ai\b", " openai "),
    (r"\bchat[\s-]?gpt\b", " chatgpt "),
    (r"\bgpt[\s-]?4[\s-]?o\b", " gpt4o "),
    (r"\bgpt[\s-]?(\d)\b", r" gpt\1 "),
    (r"\bllama[\s-]?(\d)(?:\.\d)?\b", r" llama llama\1 "),
    (r"\b([ahb]\d{2,3})s\b", r"\1"),
    (r"\bmixtures?[\s-]of[\s-]experts?\b", " moe "),
    (r"\bmulti[\s-]?head(?:ed)?\s+latent\s+attention\b", " mla "),
    (r"\bmulti[\s-]?token\s+predictions?\b", " mtp "),
    (r"\breinforcement[\s-]learning\b", " rl "),
    (r"\bsupervised\s+fine[\s-]?tun(?:ing|ed)\b", " sft "),
    (r"\bfine[\s-]tun", " finetun"),
    (r"\bchains?[\s-]of[\s-]thoughts?\b", " cot "),
    (r"\bk(?:ey)?[\s-]?v(?:alue)?[\s-]cach(?:e|es|ing)\b", " kvcache "),
    (r"\bmonte[\s-]carlo\s+tree\s+search\b", " mcts "),
    (r"\bprocess[\s-]reward\s+models?\b", " prm "),
    (r"\bgroup\s+relative\s+policy\s+optimi[sz]ation\b", " grpo "),
    (r"\bu\.s\.a?\.?|\busa\b|\bunited\s+states\b|\bamericans?\b|\bamerica\b", " america "),
    (r"中国|\bchinese\b|\bprc\b", " china "),
    (r"\bapp\s+store\b", " appstore "),
    (r"\bopen[\s-]sourced?\b", " opensource "),
    (r"\bopen[\s-]weights?\b", " openweight "),
    (r"\bexport[\s-]controls?\b", " exportcontrol "),
    (r"\bmarket\s+cap(?:itali[sz]ation)?\b", " marketcap "),
)
# For each alias above, lower-case ASCII strings that every match of it in lower-case ASCII text contains. On
# such text (most statements once case-folded) a pattern is run only when one of them is in the text as it
# stands after the earlier rewrites, which gives the same result as running every pattern, ~50x faster; and a
# pattern is compiled the first time it is needed (a one-shot check compiles two or three of them).
_ALIAS_ANCHORS: tuple[tuple[str, ...], ...] = ((),) * len(_CJK_ALIASES) + (
    ("high", "huan"), ("nvda", "nvidea", "nvdia", "nividia"), ("deep",), ("zero",), ("deepseek",),
    ("deepseek",), (".5",), ("coder",), ("api", "sdk", "endpoint", "schema", "spec", "protocol"),
    ("api", "sdk", "schema", "spec", "protocol"), ("lite",), ("open",), ("gpt",), ("gpt",), ("gpt",), ("llama",), tuple("0123456789"),
    ("mixture",), ("latent",), ("prediction",), ("reinforcement",), ("supervised",), ("fine",), ("thought",),
    ("cach",), ("monte",), ("reward",), ("policy",), ("u.s.", "usa", "united", "america"), ("chinese", "prc"),
    ("store",), ("open",), ("open",), ("export",), ("market",),
)
assert len(_ALIAS_ANCHORS) == len(_ALIASES)


@lru_cache(maxsize=None)
def _alias_re(k: int) -> re.Pattern:
    return re.compile(_ALIASES[k][0], re.IGNORECASE)


def __getattr__(name: str):
    if name == "_ALIAS_RES":  # every alias pattern, compiled, with its replacement
        return tuple((_alias_re(k), repl) for k, (_, repl) in enumerate(_ALIASES))
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_US_RE = re.compile(r"\bUS\b")  # upper-case only: "us" is also a pronoun

_PUNCT_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": " - ", "\u2015": " - ",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ",
})

_MAGNITUDE_WORDS = frozenset({"k", "m", "b", "t", "mn", "bn", "tn", "mil", "mio", "thousand", "million", "millions",
                              "billion", "billions", "trillion", "trillions", "hundred", "us", "usd"})
_TOKEN_RE = re.compile(r"[a-z0-9]+|[\u3400-\u9fff]")

STOPWORDS: frozenset[str] = frozenset("""
a about above after again against all also am an and any are aren as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just let like me more most my
myself of off on once only or other ought our ours ourselves out over own same she should so some such than
that the their theirs them themselves then there these they this those through to too under until up very
was we were what when where which while who whom why will with would you your yours yourself yourselves
not no nor never none nothing t s d ll re ve m don doesn didn isn wasn weren won wouldn couldn shouldn
hasn haven hadn aren ain cannot can't really actually basically literally even still yet ever much
lol lmao tbh imo imho btw omg rt via amp http https www com
""".split()) | frozenset(
    # discourse words of debunks and reports: "the idea that ... is pure fiction", "outlets wrongly claimed"
    """idea claim claims claimed claiming notion myth myths story narrative rumor rumour headline headlines
    wrongly falsely mistakenly false wrong untrue nonsense fiction pure evidence proof contrary reports reported
    say says said saying think thought people everyone someone folks keep seriously sure pretty honestly
    fact facts truth true actually really debunk debunked misconception""".split())


@lru_cache(maxsize=1)
def _stemmer():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


# British spellings, rewritten to the American ones before stemming, since Porter2 stems them apart
# ("licence" -> "licenc", "license" -> "licens"; "optimised" -> "optimis", "optimized" -> "optim").
_BRITISH_ISE = re.compile(r"([a-z]{3,}?)is(e|es|ed|ing|ation|ations|er|ers)")
#: Words whose "-ise" is not the "-ize" suffix (American English spells them the same).
_ISE_WORDS = frozenset("""advise revise devise supervise televise improvise exercise expertise enterprise compromise
franchise merchandise promise premise surprise despise disguise chastise excise incise precise concise treatise
paradise otherwise likewise clockwise noise poise raise praise appraise arise sunrise cruise bruise demise reprise
comprise surmise mortise tortoise porpoise turquoise circumcise advertise valise remise""".split())
_BRITISH_OUR = re.compile(r"([a-z]{3,}?)our(s|ed|ing|ite|ites|able|ful)?")
_OUR_WORDS = frozenset("devour contour detour velour paramour troubadour amour".split())
_BRITISH_WORDS = {
    "licence": "license", "licences": "licenses", "licenced": "licensed", "licencing": "licensing",
    "defence": "defense", "defences": "defenses", "offence": "offense", "offences": "offenses",
    "pretence": "pretense", "centre": "center", "centres": "centers", "centred": "centered", "metre": "meter",
    "metres": "meters", "litre": "liter", "litres": "liters", "fibre": "fiber", "theatre": "theater",
    "calibre": "caliber", "programme": "program", "programmes": "programs", "catalogue": "catalog",
    "catalogues": "catalogs", "judgement": "judgment", "judgements": "judgments", "modelled": "modeled",
    "modelling": "modeling", "labelled": "labeled", "labelling": "labeling", "travelled": "traveled",
    "travelling": "traveling", "cancelled": "canceled", "cancelling": "canceling", "signalled": "signaled",
    "signalling": "signaling", "fuelled": "fueled", "fuelling": "fueling", "levelled": "leveled",
    "channelled": "channeled", "totalled": "totaled", "analyse": "analyze", "analysed": "analyzed",
    "analysing": "analyzing", "paralyse": "paralyze", "paralysed": "paralyzed", "catalyse": "catalyze",
}


def american_spelling(word: str) -> str:
    """A lower-case British spelling in the American form ("licence" -> "license", "optimised" ->
    "optimized", "behaviour" -> "behavior"); other words unchanged."""
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if (m := _BRITISH_ISE.fullmatch(word)) and m.group(1) + "ise" not in _ISE_WORDS:
        return f"{m.group(1)}iz{m.group(2)}"
    if (m := _BRITISH_OUR.fullmatch(word)) and m.group(1) + "our" not in _OUR_WORDS:
        return f"{m.group(1)}or{m.group(2) or ''}"
    return word


@lru_cache(maxsize=20_000)  # bounded: a long lint run meets many words
def stem(word: str) -> str:
    """The Snowball (Porter2) stem of a lower-case word, British spellings as American; figure tokens and
    CJK pass through unchanged."""
    if word.startswith("qty") or not word.isascii() or len(word) <= 3:
        return word
    return _stemmer().stemWord(american_spelling(word))


# Pasted social-media text: links, HTML entities, and #HashTags / @CamelCaseHandles that hide several words in
# one token. The "— Name (@handle) Month D, YYYY" line of embedded tweets is kept: who said it and when are
# often part of the claim (measured: dropping it cost 1-3 points of MAP@5 on the CheckThat! claim-retrieval sets).
_URL_RE = re.compile(r"https?://\S+|\bwww\.\S+|pic\.twitter\.com/\S*", re.IGNORECASE)
_TAG_RE = re.compile(r"(?<![\w@#])[@#]([A-Za-z0-9_]*[A-Za-z][A-Za-z0-9_]*)")
_CHAINED_MENTION_RE = re.compile(r"(@\w+)(?=@\w)")  # "@a@b", as copied reply chains come
_CAMEL_RE = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])|_")  # aB, ABc, a_b
_WORD_DIGITS_RE = re.compile(r"\b([A-Za-z]{3,})(\d+)\b")  # December24, COVID19 (but not V3, H800)


def _split_tag(m: re.Match) -> str:
    return " " + _WORD_DIGITS_RE.sub(r"\1 \2", _CAMEL_RE.sub(" ", m.group(1))) + " "


def clean_pasted(text: str) -> str:
    """Strip what pasting a post adds to a statement: URLs (pic.twitter.com too) and HTML entities; split
    #CamelCaseTags and @CamelCaseHandles into words (`#BernieTakesNevada` -> "Bernie Takes Nevada",
    `.@HillaryClinton` -> "Hillary Clinton", `#DeepSeekR1` -> "Deep Seek R1").
    """
    if "&" in text:
        text = html.unescape(text)
    if "@" not in text and "#" not in text and "://" not in text and "www." not in text and "pic." not in text:
        return text
    text = _URL_RE.sub(" ", text)
    text = _CHAINED_MENTION_RE.sub(r"\1 ", text)
    return _TAG_RE.sub(_split_tag, text)


# "10⁴": NFKC would make it "104", so a power of ten written with superscripts is spelled "10^4" first
_POWER_OF_TEN_RE = re.compile(r"\b10([⁰¹²³⁴⁵⁶⁷⁸⁹]{1,2})(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")


def fold(text: str) -> str:
    """Unicode NFKC, one kind of quote and dash, case-folded, names spelled one way."""
    if not text.isascii() and "10" in text:
        text = _POWER_OF_TEN_RE.sub(lambda m: "10^" + unicodedata.normalize("NFKC", m.group(1)), text)
    text = unicodedata.normalize("NFKC", text).translate(_PUNCT_MAP)
    text = _US_RE.sub(" america ", text)
    text = text.casefold()
    if text.isascii():
        for k, anchors in enumerate(_ALIAS_ANCHORS):
            for anchor in anchors:
                if anchor in text:
                    text = _alias_re(k).sub(_ALIASES[k][1], text)
                    break
        return text
    for k, (_, repl) in enumerate(_ALIASES):
        text = _alias_re(k).sub(repl, text)
    return text


#: Figures that stay plain words in the index, as they were before they were figures: dates ("january 20
#: 2025"), and durations in years, which are mostly incidental ("for over a year", "a year ago") and would
#: otherwise pull such sentences towards the one claim whose wording has a figure in years.
_WORD_UNITS = frozenset(CALENDAR_UNITS) | {"years"}


#: "nowhere near", "nowhere close": an idiom for "far from", not the "nowhere" of "came out of nowhere".
_FAR_FROM = (("near",), ("close",))
_ORDINAL_RE = re.compile(r"(\d)(st|nd|rd|th)\b")


def figure_tokens(q: Quantity) -> tuple[str, ...]:
    """Index tokens for a figure: its unit, and its unit with its order of magnitude (none for `_WORD_UNITS`)."""
    if q.unit is None or q.unit in _WORD_UNITS:
        return ()
    return (f"qty{q.unit}", f"qty{q.unit}{magnitude_bucket(q.value)}")


@dataclass(frozen=True)
class Analysis:
    """A statement as the matcher sees it."""

    folded: str  # case-folded text with names unified, figures still in place
    words: tuple[str, ...]  # every word token, figures replaced by their unit token, stopwords kept
    terms: tuple[str, ...]  # stemmed content terms, stopwords dropped, figure tokens included
    quantities: tuple[Quantity, ...]
    date_terms: frozenset[str] = frozenset()  # the terms that spell a date ("februari", "3", "2025")


def analyze(text: str) -> Analysis:
    """Analyse one statement or phrasing."""
    folded = fold(clean_pasted(text))
    quantities = tuple(find_quantities(folded))
    pieces: list[str] = []
    dated: list[str] = []
    pos = 0
    for q in quantities:
        pieces.append(folded[pos:q.start])
        # the figure's unit words stay ("50,000 h100" keeps "h100"); its digits and magnitude go
        if q.unit is None:  # a bare number ("671b") stays a plain token
            kept = _TOKEN_RE.findall(folded[q.start:q.end])
        elif q.unit in _WORD_UNITS:  # a date or "5 years": plain tokens, "20th" as "20 th" like any number
            kept = _TOKEN_RE.findall(_ORDINAL_RE.sub(r"\1 \2", folded[q.start:q.end]))
            if q.unit in CALENDAR_UNITS:
                dated.extend(kept)
        else:
            kept = [w for w in _TOKEN_RE.findall(folded[q.start:q.end])
                    if not w[0].isdigit() and w not in _MAGNITUDE_WORDS]
        pieces.append(" " + " ".join((*figure_tokens(q), *kept)) + " ")
        pos = q.end
    pieces.append(folded[pos:])
    words = tuple(_TOKEN_RE.findall("".join(pieces)))
    terms = tuple(stem(w) for i, w in enumerate(words)
                  if w not in STOPWORDS and not (w == "nowhere" and words[i + 1:i + 2] in _FAR_FROM))
    date_terms = frozenset(stem(w) for w in dated if w not in STOPWORDS)
    return Analysis(folded=folded, words=words, terms=terms, quantities=quantities, date_terms=date_terms)


@lru_cache(maxsize=64)
def analyze_cached(text: str) -> Analysis:
    """`analyze`, remembered for the last few texts (the linter's prefilter, `Matcher.could_match` and
    `Matcher.check` analyse the same sentence one after the other). The result is immutable."""
    return analyze(text)


def requirement_terms(entry: str) -> tuple[tuple[str, ...], bool]:
    """The stemmed terms of one `requires` entry, and whether it is a prefix (`censor*`).

    `<usd>` style entries become the figure token `qtyusd`.
    """
    entry = entry.strip()
    m = re.fullmatch(r"<([a-z_]+)>", entry)
    if m:
        return (f"qty{m.group(1)}",), False
    prefix = entry.endswith("*")
    if prefix:
        entry = entry[:-1]
    words = _TOKEN_RE.findall(fold(entry))
    if prefix:
        return tuple(words), True
    return tuple(stem(w) for w in words), False
