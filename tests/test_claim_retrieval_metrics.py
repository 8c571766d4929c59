"""The claim-retrieval benchmark script: its metrics on hand-made rankings, and a clean skip without data.

Everything here is synthetic; the benchmark's own (third-party) data is never used or copied in tests.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "bench" / "claim_retrieval.py"


@pytest.fixture(scope="module")
def cr():
    spec = importlib.util.spec_from_file_location("claim_retrieval_bench", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_average_precision_single_relevant(cr):
    assert cr.average_precision(["a", "b", "c"], {"a"}) == 1.0
    assert cr.average_precision(["a", "b", "c"], {"b"}) == 0.5
    assert cr.average_precision(["a", "b", "c", "d", "e"], {"e"}) == pytest.approx(0.2)
    assert cr.average_precision(["a", "b", "c", "d", "e", "f"], {"f"}) == 0.0  # beyond the cut-off of 5
    assert cr.average_precision([], {"a"}) == 0.0
    assert cr.average_precision(["a"], set()) == 0.0


def test_average_precision_divides_by_all_relevant(cr):
    # two relevant, found at ranks 1 and 3: (1/1 + 2/3) / 2
    assert cr.average_precision(["a", "x", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)
    # only one of two relevant in the top 5: the denominator stays |R_q| = 2 (trec_eval), not 1
    assert cr.average_precision(["a", "x", "y", "z", "w", "b"], {"a", "b"}) == pytest.approx(0.5)
    # a duplicate in the ranking does not count twice
    assert cr.average_precision(["a", "a", "b"], {"a", "b"}) == pytest.approx((1 + 2 / 3) / 2)


def test_recall_at_k(cr):
    assert cr.recall_at(["a", "b"], {"a"}, 1) == 1.0
    assert cr.recall_at(["b", "a"], {"a"}, 1) == 0.0
    assert cr.recall_at(["b", "a"], {"a"}, 5) == 1.0
    assert cr.recall_at(["a", "x", "y", "z", "w", "b"], {"a", "b"}, 5) == 0.5
    assert cr.recall_at([], {"a"}, 5) == 0.0


def test_reciprocal_rank(cr):
    assert cr.reciprocal_rank(["a", "b"], {"a"}) == 1.0
    assert cr.reciprocal_rank(["x", "y", "a"], {"a"}) == pytest.approx(1 / 3)
    assert cr.reciprocal_rank(["x", "y", "z", "u", "v", "w", "a"], {"a"}) == pytest.approx(1 / 7)  # no cut-off
    assert cr.reciprocal_rank(["x", "a", "b"], {"a", "b"}) == 0.5  # the first relevant one counts
    assert cr.reciprocal_rank(["x"], {"a"}) == 0.0


def test_evaluate_means_over_qrels(cr):
    rankings = {"q1": ["a", "b"], "q2": ["x", "c"], "q4": ["d"]}  # q4 is not in the qrels: ignored
    qrels = {"q1": {"a"}, "q2": {"c"}, "q3": {"e"}}  # q3 has no ranking: scores 0
    m = cr.evaluate(rankings, qrels)
    assert m["map5"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert m["r1"] == pytest.approx(1 / 3)
    assert m["r5"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx((1 + 0.5 + 0) / 3)
    assert cr.evaluate({}, {}) == {"map5": 0.0, "r1": 0.0, "r5": 0.0, "mrr": 0.0}


def test_bm25_baseline_ranks_by_stemmed_overlap(cr):
    docs = ["The cat sat on the mat.", "Dogs chase cars in the park.", "A parliament of owls at night."]
    bm = cr.BM25Baseline(docs)
    assert bm.rank("chasing dogs")[0] == 1
    assert bm.rank("cats")[0] == 0
    assert bm.rank("the and of") == []  # stopwords only


def test_skips_cleanly_without_data(cr, tmp_path, capsys):
    assert cr.main(["--data-dir", str(tmp_path / "no-such-dir")]) == 0
    out = capsys.readouterr().out
    assert "skipped" in out and "not found" in out


def test_runs_end_to_end_on_a_tiny_synthetic_set(cr, tmp_path, capsys):
    (tmp_path / "claims.tsv").write_text(
        "1\tThe moon is made of green cheese.\tIs the Moon Made of Cheese?\n"
        "2\tA city council banned bicycles on every bridge.\tCity Bans Bikes on Bridges?\n"
        "3\tA bakery sells bread shaped like famous paintings.\tBread Art Bakery\n", encoding="utf-8")
    (tmp_path / "queries.tsv").write_text(
        "q1\tcan't believe the council just banned bikes from all the bridges https://t.co/xyz #BikeBan\n"
        "q2\tSo the moon is cheese now?? — Some One (@someone) May 1, 2020\n", encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text("q1\t2\nq2\t1\n", encoding="utf-8")
    assert cr.main(["--data-dir", str(tmp_path), "--year", "2020"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if line.startswith("2020")]
    assert len(lines) == 3  # baseline, matcher (defaults), matcher with rerank=True
    for line in lines:
        map5, r1 = line.split()[-7:-5]
        assert (map5, r1) == ("1.000", "1.000")  # both queries find their claim first
