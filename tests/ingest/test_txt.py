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


@pytest.mark.parametrize(
    "text, published, body_start",
    [
        ("Talks end\n\nPublished: 2026-04-17\n\nBy Jane Roe and John Poe\n\nThe envoys met on Sunday.", "2026-04-17", "The envoys"),
        ("Talks end\nBy Jane Roe, Trade Correspondent | Thursday 12 March 2026\nThe envoys met.", "Thursday 12 March 2026", "The envoys"),
        ("Talks end\nUpdated: 5 March 2026 10:02 GMT\nFirst published on March 4, 2026\nThe envoys met.", "March 4, 2026", "The envoys"),
        # a strap line, a name and a date apart, above the headline or under it
        ("Caucasus Briefing | Thu 19 Oct 2028\n\nANALYSIS: Border talks progress\n\nThe envoys met.", "19 Oct 2028", "The envoys"),
        ("Talks end\nTrade Desk | Thursday, October 19, 2028 14:02 GMT\nThe envoys met.", "October 19, 2028", "The envoys"),
        # a date without its year is left to inference; the line is still no part of the story
        ("Talks end\nDate: March 4\nThe envoys met.", None, "The envoys"),
        # a story's own sentences are never header lines
        ("Talks end\nBy the end of the year, the envoys will meet again.\nMore.", None, "By the end"),
        ("Talks end\nPublished reports say the envoys met on 4 March 2026 in Oslo and agreed to meet again soon.\nMore.", None, "Published"),
        ("Talks end\nThe envoys met | and they agreed on 4 March 2026.\nMore.", None, "The envoys met |"),
    ],
)
def test_header_lines_give_the_date_and_stay_out_of_the_body(gaz, text, published, body_start):
    layout = split_plaintext(text, gaz)
    assert layout.published == published
    assert layout.body.startswith(body_start)
    assert "Jane Roe" not in layout.body


def test_a_header_date_is_the_documents_metadata(tmp_path):
    from talktrack.ingest import read_inputs
    from talktrack.settings import Settings

    (tmp_path / "a.txt").write_text("Talks end\n\nPublished: 2026-04-17\n\nThe envoys met on Sunday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Talks end\n\nPublished: sometime soon, 2026\n\nThe envoys met.", encoding="utf-8")
    docs = {d.source.rsplit("/", 1)[-1]: d for d in read_inputs([str(tmp_path)], Settings())}
    assert (docs["a.txt"].published, docs["a.txt"].published_basis, docs["a.txt"].text) == (
        "2026-04-17", "metadata", "Talks end\n\nThe envoys met on Sunday.")
    assert docs["b.txt"].published is None and any("TT153" in w for w in docs["b.txt"].warnings)
