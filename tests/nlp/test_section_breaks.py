"""The section-breaks component: blank lines and datelines bound sentences; a paragraph's opening holds together."""

from __future__ import annotations

import pytest

from talktrack.nlp.components.section_breaks import DATELINE


def _sentences(make_doc, text):  # type: ignore[no-untyped-def]
    _, doc = make_doc(text)
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def test_a_paragraph_opening_is_not_cut_off_its_sentence(make_doc):
    # made to start a sentence at "Britain", the parser once closed one right after it
    text = (
        "UK and India agree to fast-track services talks as carbon levy row lingers\n\n"
        "Britain and India have agreed to 'fast-track' negotiations on professional services, "
        "the business secretary said on Thursday."
    )
    sentences = _sentences(make_doc, text)
    assert sentences[1].startswith("Britain and India have agreed"), sentences


@pytest.mark.parametrize(
    "text, story",
    [
        ("SINGAPORE, May 17 (VNA) -- Vice Premier Petra Will said on Thursday that talks went well.", "Vice Premier Petra Will said"),
        ("BRUSSELS, March 4 (Meridian Wire) - European Union and Mercosur negotiators said on Wednesday they had agreed.",
         "European Union and Mercosur negotiators said"),
        ("Talks end\n\nOSLO \u2014 The envoys met on Monday. They agreed.", "The envoys met on Monday."),
    ],
)
def test_the_story_after_a_dateline_is_a_sentence_of_its_own(make_doc, text, story):
    assert any(s.startswith(story) for s in _sentences(make_doc, text)), _sentences(make_doc, text)


@pytest.mark.parametrize(
    "text, dateline",
    [
        ("KUALA LUMPUR, Oct 26 (Reuters) - The talks ended.", "KUALA LUMPUR, Oct 26 (Reuters) - "),
        ("OTTAWA (Northline News) - Canada said.", "OTTAWA (Northline News) - "),
        ("SINGAPORE \u2014 Ostrevia and Valdoria agreed.", "SINGAPORE \u2014 "),
        ("US - China talks resume", None),  # a plain hyphen needs a date or an agency before it
        ("NATO, Russia 24 hours after the vote", None),
    ],
)
def test_dateline_shapes(text, dateline):
    match = DATELINE.match(text)
    assert (match.group(0) if match else None) == dateline
