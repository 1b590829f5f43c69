"""The time grammar finds the same expressions scanning only near time words as scanning whole texts.

`timex.scan` runs each rule only within a few words of the words every one
of its matches contains (`grammar.anchors`); `everywhere=True` is the
plain scan of the whole text by every rule. Texts here mix time words,
numbers, punctuation, runs of spaces and line breaks, and filler in any case.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from hypothesis import given, settings as hsettings, strategies as st

from talktrack.extract.timex import Found, scan
from talktrack.extract.timex.grammar import rules, vocabulary
from tests.conftest import EXAMPLES, ROOT

TIMEBANK = ROOT.parent / "shared" / "data" / "tempeval3" / "TBAQ-cleaned" / "TimeBank"


def _key(found: tuple[Found, ...]) -> list[tuple[object, ...]]:
    return [(f.rule, f.start, f.end, sorted(f.groups.items(), key=str)) for f in found]


def _words() -> list[str]:
    v = vocabulary()
    words = [*v.months, *v.weekdays, *v.units, *v.seasons, *v.parts_of_day, *v.sets, *v.references, *v.decades]
    words += [*v.numbers, *v.ordinals, *v.vague, "ago", "earlier", "later", "from now", "the", "this", "last", "next",
              "past", "of", "in", "on", "to", "and", "or", "a", "half", "every", "each", "fiscal", "year-ago", "period",
              "beginning", "end", "mid", "early", "late", "noon", "midnight", "p.m.", "a.m.", "EST", "old", "long",
              "ended", "nineteen", "two thousand", "'90s", "1990s", "2025", "12", "30", "1/2", "3.5", "-",
              "talks", "Minister", "said", "tariffs", "İstanbul"]
    return sorted(set(words))


WORD = st.sampled_from(_words()).flatmap(lambda w: st.sampled_from([w, w.lower(), w.capitalize(), w.upper()]))
GAP = st.sampled_from([" ", "  ", " ", "\n", "\n\n", ", ", ". ", "-", "'s ", "s ", " " * 40, "\t"])


@hsettings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(WORD, GAP), min_size=1, max_size=60))
def test_windows_find_what_the_whole_scan_finds(parts: list[tuple[str, str]]) -> None:
    text = "".join(word + gap for word, gap in parts)
    assert _key(scan(text)) == _key(scan(text, everywhere=True))


def test_every_rule_has_an_anchor_class() -> None:
    from talktrack.extract.timex.grammar import anchors

    assert {name for name, _ in rules()} == set(anchors())


def _texts() -> list[str]:
    texts = [p.read_text("utf-8", errors="replace") for p in sorted((EXAMPLES / "articles").rglob("*")) if p.is_file()]
    if TIMEBANK.is_dir():
        texts += ["".join(ET.parse(p).getroot().find("TEXT").itertext()) for p in sorted(TIMEBANK.glob("*.tml"))]  # type: ignore[union-attr]
    return texts


@pytest.mark.parametrize("text", _texts()[:400])
def test_windows_on_news_text(text: str) -> None:
    assert _key(scan(text)) == _key(scan(text, everywhere=True))


# The expressions that reach furthest from their anchor word, each built from its
# longest parts: a number of up to four words, a modifier, a title before a name.
_FAR = [
    ("the past 12 to two and a half months", "duration_range"),
    ("the comparable two and a half additional days", "duration"),
    ("about two and a half years or so ago", "unit_ago"),
    ("almost 1 1/2 years or so from now", "unit_ago"),
    ("the past two and a half years or so", "unit_rel_dur"),
    ("this year's fiscal fourth quarter of 1998", "quarter"),
    ("10:30 p.m. EST, on July 28, 2025", "date_time"),
    ("10:30 p.m. EST on Monday", "weekday_time"),
    ("the summer of the year nineteen ninety-six", "spoken_year"),
    ("the first half of the last decade", "boundary"),
    ("the latter half of the '90s", "boundary_decade"),
    ("last New Year's Day", "holiday"),
]
_FILLER = ["minister", "said", "talks", "tariffs", "trade", "Beijing", "raised", "officials,"]  # words no rule takes in


@pytest.mark.parametrize(("phrase", "rule"), _FAR)
@hsettings(max_examples=25, deadline=None)
@given(before=st.lists(st.sampled_from(_FILLER), max_size=14), after=st.lists(st.sampled_from(_FILLER), max_size=14))
def test_windows_reach_the_longest_expressions(phrase: str, rule: str, before: list[str], after: list[str]) -> None:
    head = " ".join(["Officials", *before]) + " "
    text = head + phrase + " " + " ".join([*after, "ended."])
    found = scan(text)
    assert _key(found) == _key(scan(text, everywhere=True))
    assert any(f.rule == rule and f.start == len(head) and f.end == len(head) + len(phrase) for f in found), _key(found)
