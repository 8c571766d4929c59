"""Pasted social-media text: links go, #CamelCaseTags and @CamelCaseHandles become words (synthetic examples)."""

from __future__ import annotations

from factcheck.normalize import analyze, clean_pasted


def test_urls_and_picture_links_are_dropped():
    text = "big news https://t.co/AbC123xyz pic.twitter.com/Q9w8E7r6 and www.example.org/page"
    assert analyze(text).terms == analyze("big news and").terms
    assert "twitter" not in clean_pasted("see thispic.twitter.com/Xy12")


def test_tags_and_handles_split_into_words():
    assert analyze("#DeepSeekR1 beats #OpenAI").terms == analyze("DeepSeek R1 beats OpenAI").terms
    assert analyze(".@SomeLab released #ModelWeights2025").terms == analyze("Some Lab released Model Weights 2025").terms
    assert analyze("#COVID19 #December24").terms == analyze("COVID 19 December 24").terms
    assert analyze("@alice@BobSmith hi").terms == analyze("alice Bob Smith hi").terms


def test_model_names_in_tags_stay_whole():
    assert "v3" in analyze("#DeepSeekV3").terms
    assert "h800" in analyze("#H800").terms


def test_plain_text_and_emails_untouched():
    plain = "DeepSeek-V3 cost $5.6M to train (final run)."
    assert clean_pasted(plain) == plain
    assert "@" in clean_pasted("write to someone@example.com")


def test_html_entities_unescaped():
    assert clean_pasted("Q&amp;A") == "Q&A"
