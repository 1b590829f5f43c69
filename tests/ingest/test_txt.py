from __future__ import annotations

import pytest

from talktrack.gazetteer import load_gazetteer
from talktrack.ingest.txt import split_plaintext


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    "text, headline, outlet, caption_end, body_start",
    [
        (
            "‘Talks go on’; ministers meet again - People's Daily Online Minister A (left) and B pose "
            "for a photo on May 2, 2029 before talks in Oslo. Photo: Xinhua The two sides met on Friday.",
            "‘Talks go on’; ministers meet again", "People's Daily Online", "Photo: Xinhua", "The two sides met",
        ),
        (
            "Trade talks resume in Oslo - Northwind Daily Online Delegates arrive in Oslo. Photo: Lee Kim/ND "
            "Negotiators met on Monday.",
            "Trade talks resume in Oslo", "Northwind Daily Online", "Photo: Lee Kim/ND", "Negotiators met",
        ),
        (
            "Ministers shake hands in Oslo, May 2, 2029. Photo: Reuters\nThe talks began on Monday.\nMore text.",
            None, None, "Photo: Reuters", "The talks began",
        ),
        (
            "Talks end without a deal\nThe talks ended on Monday.\nBoth sides spoke.",
            "Talks end without a deal", None, None, "The talks ended",
        ),
        ("The talks ended on Monday. Both sides spoke.", None, None, None, "The talks ended"),
        (
            "Tariff truce extended | Reuters\nThe truce was extended on Tuesday.",
            "Tariff truce extended", "Reuters", None, "The truce",
        ),
    ],
)
def test_split_plaintext_finds_parts(gaz, text, headline, outlet, caption_end, body_start):
    layout = split_plaintext(text, gaz)
    assert layout.headline == headline
    assert layout.outlet == outlet
    if caption_end is None:
        assert layout.caption is None
    else:
        assert layout.caption is not None and layout.caption.endswith(caption_end)
    assert layout.body.startswith(body_start)


def test_split_plaintext_keeps_a_hyphenated_headline_whole(gaz):
    layout = split_plaintext("China-US talks - what comes next\nBody text here.", gaz)
    assert layout.headline == "China-US talks - what comes next"
    assert layout.outlet is None


def test_split_plaintext_empty(gaz):
    assert split_plaintext("  \n\n ", gaz).body == ""
