"""Calendar dates as figures: found at their precision, compared at the coarser one, never with durations,
and shown as dates wherever a conflict or a figure is displayed.

Every sentence here is written for these tests; none comes from bench/data.
"""

from __future__ import annotations

from datetime import date

import pytest

from factcheck import check
from factcheck.dates import date_parts, format_date, iso_date
from factcheck.formats.check_text import render
from factcheck.model import Claim, CheckResult, Conflict, Figure, Match
from factcheck.quantities import conflicts, find_quantities


def dates_in(text):
    return [(q.unit, format_date(q.unit, q.value)) for q in find_quantities(text) if q.unit in ("day", "month", "year")]


def date_conflicts_of(statement, claim_sentence, figures=()):
    return conflicts(find_quantities(statement), figures, tuple(find_quantities(claim_sentence)))


# -- finding dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,found", [
    ("The lab shipped it on March 14, 2024.", [("day", "March 14, 2024")]),
    ("The lab shipped it on 14 March 2024.", [("day", "March 14, 2024")]),
    ("The lab shipped it on the 14th of Mar. 2024.", [("day", "March 14, 2024")]),
    ("The lab shipped it on Mar 14th, 2024.", [("day", "March 14, 2024")]),
    ("The changelog is dated 2024-03-14.", [("day", "March 14, 2024")]),
    ("The changelog is dated 3/14/2024.", [("day", "March 14, 2024")]),
    ("The changelog is dated 14/3/2024.", [("day", "March 14, 2024")]),
    ("The lab shipped it in March 2024.", [("month", "March 2024")]),
    ("The lab shipped it in late March 2024.", [("month", "March 2024")]),
    ("The lab shipped it on March 14.", [("day", "March 14")]),
    ("The lab was set up in 2016.", [("year", "2016")]),
    ("The lab has existed since 2016.", [("year", "2016")]),
    ("The lab shipped it in mid-2024.", [("year", "2024")]),
    ("The lab shipped it early 2024.", [("year", "2024")]),
    ("The lab shipped it at the end of 2024.", [("year", "2024")]),
])
def test_dates_are_figures_at_the_precision_they_are_written_in(text, found):
    assert dates_in(text) == found


@pytest.mark.parametrize("text", [
    "The lab shipped it in Q3 2024.",
    "The lab shipped it in spring 2024.",
    "The 2024 model card lists it.",
    "Models of the 2020s are large.",
    "The changelog is dated 3/4/2024.",  # March 4 or 3 April: not said
    "They may 10x their output.",
    "The lab shipped it in March.",
])
def test_quarters_seasons_bare_years_and_ambiguous_forms_are_not_dates(text):
    assert dates_in(text) == []


@pytest.mark.parametrize("text,value,unit", [
    ("trained on 4,096 GPUs", 4096, "gpus"),
    ("it cost $7.25M", 7.25e6, "usd"),
    ("fed 9.5T tokens", 9.5e12, "tokens"),
    ("a cluster of 2048 accelerators", 2048, "gpus"),
])
def test_dates_do_not_disturb_other_figures(text, value, unit):
    (q,) = find_quantities(text)
    assert (q.value, q.unit) == (pytest.approx(value), unit)


def test_a_date_is_not_also_read_as_numbers():
    assert [q.unit for q in find_quantities("It shipped on Jan 9, 2025 with 300 experts.")] == ["day", "experts"]


# -- comparing dates ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("statement,claim_sentence,unit", [
    ("The model came out on March 21, 2024.", "The model came out on March 14, 2024.", "day"),
    ("The model came out in June 2024.", "The model came out in March 2024.", "month"),
    ("The lab was founded in 2012.", "The lab was founded in 2016.", "year"),
    ("The model came out in June 2024.", "The model came out on March 14, 2024.", "month"),
    ("The app went live on March 2.", "The app went live on March 14, 2024.", "day"),
    ("The model came out in December 2023.", "The model came out in January 2024.", "month"),
    ("The model came out on March 14, 2023.", "The model came out on March 15, 2024.", "day"),
])
def test_a_different_date_conflicts_at_the_coarser_precision(statement, claim_sentence, unit):
    (c,) = date_conflicts_of(statement, claim_sentence)
    assert c.unit == unit and c.stated != c.registry


@pytest.mark.parametrize("statement,claim_sentence,stated,registry", [
    ("The model came out in March 2023.", "The model came out in March 2024.", 2023, 2024),
    ("The model came out on 14 March 2022.", "The model came out on March 14, 2024.", 2022, 2024),
    ("The model came out in March 2021.", "The model came out on March 14, 2024.", 2021, 2024),
])
def test_a_date_whose_only_wrong_part_is_the_year_conflicts_in_years(statement, claim_sentence, stated, registry):
    (c,) = date_conflicts_of(statement, claim_sentence)
    assert (c.unit, c.stated, c.registry) == ("year", stated, registry)
    assert "March" in c.label  # the claim's full date is still named


@pytest.mark.parametrize("statement,claim_sentence", [
    ("The model came out in March 2024.", "The model came out on March 14, 2024."),
    ("The model came out in 2024.", "The model came out on March 14, 2024."),
    ("The model came out on 14 March 2024.", "The model came out on March 14, 2024."),
    ("The app went live on March 14.", "The app went live on March 14, 2024."),
    ("The lab was founded in May 2016.", "The lab was founded in 2016."),
])
def test_the_same_date_at_another_precision_agrees(statement, claim_sentence):
    assert date_conflicts_of(statement, claim_sentence) == ()


def test_a_date_without_a_year_is_not_compared_with_a_bare_year():
    assert date_conflicts_of("The lab opened on May 2.", "The lab opened in 2016.") == ()


@pytest.mark.parametrize("statement", [
    "The model came out on March 14, 2024 and its rival followed on April 2.",
    "In 2025 people finally noticed the model that came out in March 2024.",
    "By 2026 everyone knew the model had shipped on March 14, 2024.",
])
def test_no_date_conflicts_when_another_date_of_the_statement_agrees(statement):
    assert date_conflicts_of(statement, "The model came out on March 14, 2024.") == ()


@pytest.mark.parametrize("statement", [
    "The rival came out before June 2024.",
    "The model was only legal until May 2024.",
])
def test_a_bound_never_conflicts(statement):
    assert date_conflicts_of(statement, "The model came out on March 14, 2024.") == ()


def test_a_bound_may_agree_and_so_silences_the_other_dates():
    claim = "Sales stayed legal until the ban on March 14, 2024."
    assert date_conflicts_of("Sales stayed legal until March 2024; rules were drafted in May 2022.", claim) == ()


@pytest.mark.parametrize("statement", ["The model came out in mid-2024.", "The model came out in early 2024."])
def test_vague_parts_of_a_year_are_compared_by_year_only(statement):
    assert date_conflicts_of(statement, "The model came out on May 3, 2024.") == ()
    assert date_conflicts_of(statement.replace("2024", "2023"), "The model came out on May 3, 2024.")[0].unit == "year"


def test_dates_are_only_compared_with_the_claims_own_sentence():
    figures = (Figure(2, "months", "gap", 0.5),)
    assert conflicts(find_quantities("It shipped in June 2024."), figures) == ()


def test_durations_and_dates_are_never_compared():
    claim = "The preview shipped on March 14, 2024, two months before the full model."
    figures = (Figure(2, "months", "gap between the preview and the full model", 0.5),)
    assert date_conflicts_of("The preview came two months before the full model.", claim, figures) == ()
    (c,) = date_conflicts_of("The preview came five months before the full model.", claim, figures)
    assert c.unit == "months" and c.stated == 5
    assert all(c.unit == "month" for c in date_conflicts_of("The preview shipped in June 2024.", claim, figures))


def test_a_year_as_a_date_is_not_a_duration_in_years():
    claim = "The fund pledged 40 billion over three years, starting in 2021."
    (c,) = date_conflicts_of("The fund pledged 40 billion over seven years.", claim)
    assert (c.unit, c.stated, c.registry) == ("years", 7, 3)
    (c,) = date_conflicts_of("The fund's pledge started in 2019.", claim)
    assert (c.unit, c.stated, c.registry) == ("year", 2019, 2021)


# -- showing dates ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("unit,value,text,iso", [
    ("day", date(2024, 3, 14).toordinal(), "March 14, 2024", "2024-03-14"),
    ("month", 2024 * 12 + 2, "March 2024", "2024-03"),
    ("year", 2016, "2016", "2016"),
])
def test_encoded_dates_read_back_as_dates(unit, value, text, iso):
    assert format_date(unit, value) == text and iso_date(unit, value) == iso


def test_a_day_without_a_year_reads_without_one():
    (q,) = find_quantities("on Feb 29")
    assert date_parts(q.unit, q.value) == (None, 2, 29)
    assert format_date(q.unit, q.value) == "February 29" and iso_date(q.unit, q.value) == "--02-29"


def _claim(sentence):
    return Claim(id="x-released", verdict="true", claim=sentence, summary="s", explanation="e", phrasings=(),
                 citations=(), as_of="2025-01-01")


def test_text_output_shows_date_conflicts_as_dates():
    (c,) = date_conflicts_of("It came out on March 21, 2024.", "It came out on March 14, 2024.")
    match = Match(claim=_claim("It came out on March 14, 2024."), score=90.0, stance="affirms", conflicts=(c,))
    out = render(CheckResult(input="It came out on March 21, 2024.", match=match))
    assert "stated March 21, 2024, registry March 14, 2024" in out
    assert str(int(c.stated)) not in out  # no ordinal


def test_json_conflicts_add_iso_dates_and_keep_numbers():
    (c,) = date_conflicts_of("It came out in June 2024.", "It came out on March 14, 2024.")
    d = c.to_dict()
    assert (d["unit"], d["stated_date"], d["registry_date"]) == ("month", "2024-06", "2024-03")
    assert isinstance(d["stated"], float) and "March 14, 2024" in d["label"]
    assert "stated_date" not in Conflict("gpus", 9000, 2048, "9000 GPUs").to_dict()


def test_explain_lists_dates_as_dates():
    result = check("DeepSeek released and open-sourced R1 on January 23, 2025.", explain=True)
    assert result.match is not None
    assert any("January 23, 2025 (day)" in q for q in result.match.why.quantities)


# -- end to end on the built-in registry --------------------------------------------------------------------

def test_a_wrong_release_day_is_a_conflict_but_does_not_make_the_finding_wrong():
    m = check("DeepSeek released and open-sourced R1 on January 23, 2025.").match
    assert m is not None and m.claim.id == "r1-released-jan-20-2025"
    (c,) = m.conflicts
    assert c.unit == "day" and format_date(c.unit, c.registry) == "January 20, 2025"
    assert m.stance == "affirms" and not m.is_wrong  # a conflict alone never fails a finding


def test_the_right_release_month_does_not_conflict():
    m = check("DeepSeek released and open-sourced R1 in January 2025.").match
    assert m is not None and m.claim.id == "r1-released-jan-20-2025" and m.conflicts == ()



def test_a_date_conflict_reads_as_dates_and_a_wrapped_bullet_is_not_repeated():
    from factcheck.quantities import describe_conflict

    line = describe_conflict(Conflict(unit="day", stated=date(2025, 1, 27).toordinal(),
                                      registry=date(2025, 1, 20).toordinal(), stated_text="jan 27, 2025"))
    assert line == "stated January 27, 2025, registry January 20, 2025"
    result = check("Big news: DeepSeek made R1 open source on February 3, 2025.")
    assert result.match is not None and result.match.conflicts
    lines = render(result, width=40).splitlines()
    start = lines.index("Figures that disagree with the registry:") + 1
    bullet = lines[start:lines.index("", start)]
    assert bullet[0].startswith("  - stated February 3, 2025") and len(bullet) > 1
    assert all(row.startswith("    ") and not row.lstrip().startswith("-") for row in bullet[1:])
