"""Known gaps: behaviours talktrack does not have yet, each shown by one sentence and marked xfail.

Every case states what the right answer is; `strict=True` makes a case that starts to pass fail the
suite, so a fixed gap is noticed and its case moves to the layer's own tests. Gaps that one sentence
cannot show are described in the "Known gaps" section of the layer's page under docs/.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from talktrack.extract import run_extractors
from talktrack.extract.entities import find_mentions
from talktrack.extract.published import infer_from_doc
from talktrack.extract.statements import find_statements
from talktrack.extract.timex import annotate_text
from talktrack.model import Layers

ANCHOR = date(2025, 7, 30)  # a Wednesday
PUBLISHED = "2031-07-31"  # a Thursday


def gap(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason)


def timexes(text: str, anchor: date = ANCHOR) -> list[tuple[str, str, str, tuple[str, str] | None]]:
    return [(t.text, t.type, t.value, t.range) for t in annotate_text(text, anchor, split_ranges=False)]


# ---------------------------------------------------------------- dates


@pytest.mark.parametrize(
    "text, check",
    [
        pytest.param(
            "The ministers will meet in the week of April 10.",
            lambda found: any(t[0] == "the week of April 10" and "-W" in t[2] for t in found),
            marks=gap("'the week of April 10' is read as the day April 10, not as that week"),
            id="week-of-a-day",
        ),
        pytest.param(
            "The ministers met on June 21-22 last year in Lisbon.",
            lambda found: any(t[3] == ("2024-06-21", "2024-06-22") for t in found),
            marks=gap("'June 21-22 last year' drops 'last year' from the range, which stays in the publication year"),
            id="range-with-last-year",
        ),
        pytest.param(
            "The talks opened on March 3, 2025. A day earlier, the delegations arrived.",
            lambda found: ("A day earlier", "DATE", "2025-03-02", None) in found,
            marks=gap("'a day earlier' after a dated sentence is read as a duration, not as the day before"),
            id="a-day-earlier",
        ),
        pytest.param(
            "The talks opened on March 3, 2025. The next day, the delegations left.",
            lambda found: any(t[0] == "The next day" and t[2] == "2025-03-04" for t in found),
            marks=gap("narrative anchoring does not follow tense: 'the next day' in a past narrative "
                      "is the day after publication, not after the day the story named"),
            id="the-next-day-in-a-past-narrative",
        ),
        pytest.param(
            "'We will decide tonight,' the minister said yesterday.",
            lambda found: any(t[0] == "tonight" and t[2] == "2025-07-29TNI" for t in found),
            marks=gap("'tonight' in a quotation of yesterday's words is the paper's night, not the speaker's"),
            id="tonight-quoted-yesterday",
        ),
        pytest.param(
            "He returns to Brussels on Friday.",
            lambda found: any(t[0] == "Friday" and t[2] == "2025-08-01" for t in found),
            marks=gap("a present tense that reports a plan reads a bare weekday as the one gone "
                      "(headlines use the same present for what already happened)"),
            id="present-tense-plan-returns",
        ),
        pytest.param(
            "The talks resume Monday.",
            lambda found: any(t[0] == "Monday" and t[2] == "2025-08-04" for t in found),
            marks=gap("a present tense that reports a plan reads a bare weekday as the one gone"),
            id="present-tense-plan-resume",
        ),
        pytest.param(
            "Talks began in 2024 a year after the crisis.",
            lambda found: any("a year" in t[0] for t in found),
            marks=gap("any number before 'a year' is taken as a rate ('2024 a year'), so 'a year' is dropped"),
            id="year-before-a-year",
        ),
    ],
)
def test_dates(text: str, check: Callable[[list[tuple[str, str, str, tuple[str, str] | None]]], bool]) -> None:
    assert check(timexes(text))


@gap("a story whose only full date lies ahead ('through Aug. 23, 2028') gets no publication date: "
     "an upper bound is not used, and then none of its relative expressions has a value")
def test_publication_date_from_an_upper_bound_only(make_doc) -> None:
    _, doc = make_doc(
        "WASHINGTON (AP) — The two governments agreed to extend the truce through Aug. 23, 2028. "
        "Officials met on Monday and again on Tuesday."
    )
    assert infer_from_doc(doc) is not None


# ---------------------------------------------------------------- entities


@pytest.mark.parametrize(
    "text, check",
    [
        pytest.param(
            "Joint Statement on the Trade Talks\n\nThe two countries agreed on Monday to keep talking.",
            lambda mentions: not any(m.type == "person" and m.name == "Statement" for m in mentions),
            marks=gap("the headline 'Joint Statement on ...' yields a person 'Statement'"),
            id="joint-statement-headline",
        ),
        pytest.param(
            "A spokesperson for the US Trade Representative's office said the talks would go on.",
            lambda mentions: any(m.type == "organization" and m.name == "Trade Representative" for m in mentions),
            marks=gap("an organization the tagger reads with its possessive keeps the 's in its name "
                      "('Trade Representative's'); stripping it everywhere would break 'Moody's'"),
            id="possessive-organization",
        ),
    ],
)
def test_entities(make_doc, settings, text: str, check: Callable[[list], bool]) -> None:
    document, doc = make_doc(text)
    assert check(find_mentions(document, doc, settings, Layers()))


# ---------------------------------------------------------------- statements


@pytest.mark.parametrize(
    "text, check",
    [
        pytest.param(
            "Halcyon News Agency reported on Monday, citing two sources, that the talks had stalled.",
            lambda found: any(s.speaker_name == "two sources" and s.via == ("Halcyon News Agency",) for s in found),
            marks=gap("an agency that reports 'citing two sources' is given the reported clause; "
                      "the cited sources should take it, with the agency as its relay"),
            id="citing-sources",
        ),
        pytest.param(
            "Brekke said the talks had been useful and urged both sides to keep talking.",
            lambda found: [s.speaker_name for s in found] == ["Brekke", "Brekke"],
            marks=gap("'X said ... and urged both sides to ...' where the parser hangs 'urged' inside the "
                      "reported clause does not give X a second statement"),
            id="said-and-urged",
        ),
        pytest.param(
            "VIENNA, March 11 (Harbor Wire) -- Ostrevia's trade minister said the talks would resume.",
            lambda found: any(s.via == ("Harbor Wire",) for s in found),
            marks=gap("a dateline's agency ('(Harbor Wire)') is not read as a relay"),
            id="dateline-agency-relay",
        ),
        pytest.param(
            "Sosa told Radio Pampa that Tavares Monteiro had called the chapter 'deeply unbalanced'.",
            lambda found: any(s.speaker_name == "Tavares Monteiro" and "Sosa" in s.via for s in found),
            marks=gap("a relay whose inner speaker is reported by a person ('Sosa told Radio Pampa that "
                      "Tavares Monteiro had called ...') does not give the inner speaker the words"),
            id="inner-speaker-reported-by-a-person",
        ),
        pytest.param(
            "Al-Harthi said both delegations had asked him to carry messages.",
            lambda found: any(s.speaker_name == "both delegations" and "Al-Harthi" in s.via for s in found),
            marks=gap("words a person reports others said ('Al-Harthi said both delegations had asked him') "
                      "keep the outer speaker"),
            id="outer-speaker-kept",
        ),
        pytest.param(
            "Zhou Mi, a senior research fellow, said the talks were useful. The expert added that tariffs would fall.",
            lambda found: [s.speaker_name for s in found] == ["Zhou Mi", "Zhou Mi"],
            marks=gap("'the expert' after a named expert is kept as a description, not resolved to the person"),
            id="the-expert-after-a-named-expert",
        ),
    ],
)
def test_statements(make_doc, settings, text: str, check: Callable[[list], bool]) -> None:
    document, doc = make_doc(text)
    assert check(find_statements(document, doc, settings, Layers()))


# ---------------------------------------------------------------- events


@pytest.mark.parametrize(
    "text, check",
    [
        pytest.param(
            "Peru will halve the fees it charges on trucks from September 1.",
            lambda events: any(e.type == "measure" and e.start == "2031-09-01" for e in events),
            marks=gap("a date the parser attaches to a relative clause ('the fees it charges on trucks from "
                      "September 1') is that clause's, so the measure stays undated"),
            id="date-in-a-relative-clause",
        ),
        pytest.param(
            "Negotiators from Chile and Peru held talks in Quito on Monday. "
            "The Chilean delegation was led by Foreign Minister Ana Torres.",
            lambda events: any(
                p.name == "Ana Torres" and p.role == "lead" for e in events if e.type == "talks" for p in e.participants
            ),
            marks=gap("a lead named in the next sentence ('The Chilean delegation was led by ...') "
                      "is not attached to the round"),
            id="lead-in-the-next-sentence",
        ),
        pytest.param(
            "The two leaders have held several phone conversations since the beginning of this year.",
            lambda events: not any(e.type == "call" for e in events),
            marks=gap("generic calls ('phone conversations since the beginning of this year') "
                      "become an undated call event"),
            id="generic-calls",
        ),
    ],
)
def test_events(make_doc, settings, text: str, check: Callable[[list], bool]) -> None:
    document, doc = make_doc(text)
    document.published, document.published_basis = PUBLISHED, "given"
    assert check(list(run_extractors(document, doc, settings).events))


@gap("prose that mixes English into every sentence (Taglish) passes for plainly English and skips the language "
     "model, which would call it Tagalog and reject it where only English is accepted")
def test_code_mixed_prose_goes_to_the_language_model() -> None:
    from talktrack.ingest.language import foreign_language

    text = (
        "Sabi ng minister na the talks with the American delegation were useful, at magkikita ulit sila sa spring para "
        "pag-usapan ang tariffs. Pero ayon sa mga opisyal, hindi pa final ang deal at marami pang dapat ayusin bago ang "
        "signing, and the envoy said that the two sides would meet again. Ang sabi ng spokesperson ay it was a good start."
    )
    guess = foreign_language(text, ("en",))
    assert guess is not None and guess.code == "tl"
