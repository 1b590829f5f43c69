"""Quote pairing: apostrophes and one stray mark cost nothing else."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from talktrack.extract.statements.quotes import find_quotes


def inner(text: str) -> list[str]:
    return [text[q.inner_start : q.inner_end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will keep you updated," he said.', ["We will keep you updated,"]),
        ("\u201cThey\u2019re far-reaching,\u201d Zhou said.", ["They\u2019re far-reaching,"]),
        ('He said that "the US expressed a tough stance." Then "more".', ["the US expressed a tough stance.", "more"]),
        ('"One," Li said. "Two."', ["One,", "Two."]),
        ('It was "constructive" and 5" long.', ["constructive"]),
        ('"Open quote never closed\nNext paragraph "closed" here.', ["Open quote never closed", "closed"]),
        ('"First paragraph.\n\n"Second paragraph," she said.', ["First paragraph.\n\n\"Second paragraph,"]),
    ],
)
def test_find_quotes(text, expected):
    assert inner(text) == expected


@given(st.text(alphabet=st.sampled_from(list('ab "\u201c\u201d\u2019\n.,')), max_size=120))
def test_find_quotes_spans_are_ordered_and_inside(text):
    last = 0
    for q in find_quotes(text):
        assert last <= q.start <= q.inner_start <= q.inner_end <= q.end <= len(text)
        last = q.end


@pytest.mark.parametrize(
    "text, expected",
    [
        ("''We'll walk away,'' he said, ''the only place.''", ["We'll walk away,", "the only place."]),
        ("It's the ''big'' day, he said.", ["big"]),
    ],
)
def test_find_quotes_two_apostrophes(text, expected):
    assert inner(text) == expected
