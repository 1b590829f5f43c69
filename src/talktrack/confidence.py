"""How sure the record is: the method that found each event and statement speaker, and that method's precision.

Every event and every statement speaker records the method that produced
it, a dotted name read from the general to the particular:

- a speaker: how the statement was attributed, then how its speaker phrase
  was read, "quote_cue.pronoun" ('"...," he said', the "he" resolved to the
  person it stands for); the names are `SPEAKER_ATTRIBUTIONS` and
  `SPEAKER_READINGS`;
- an event: its type, how its place was found (a `PlaceBasis`, or
  "unplaced") and how its first day was reached (a `DateBasis`, or
  "undated"): "talks.sentence.weekday". The place comes before the date
  because it tells more: a round placed by none of its sentences is the
  one most often wrong.

Its confidence is the precision that method measured on annotated real
articles, read from data/confidence.yaml, which
`benchmarks/calibrate_confidence.py` writes (docs/confidence.md says how it
is measured and how a method with too few examples takes its parent's
figure). Nothing here is tuned by hand: rerunning the script after a change
to the extractors brings the figures up to date.
"""

from __future__ import annotations

import typing
from functools import lru_cache
from typing import Any


from talktrack.model import DateBasis, Event, EventType, PlaceBasis
from talktrack.datafiles import bundled_yaml

CONFIDENCE_FILE = "confidence.yaml"
ROOT = "*"  # the figure of a whole kind (all speakers, all events): the last parent of every method
DOUBTFUL = 0.5  # below it a record is more likely wrong than right: the web page and the tables mark it

# why a date is inferred, for the reader who points at it: every DateBasis but "text", and the measures' own "none"
INFERRED_WHY = {
    "relative": "inferred: counted from the publication date (or a date the story gave before)",
    "weekday": "inferred: a weekday, resolved against the publication date",
    "published": "inferred: the sentence gives no date; its article's publication date",
    "dateline": "inferred: the day of the story's dateline",
    "period": "inferred: counted from the length of time the text gives",
    "round": "inferred: the date of the round it is tied to",
}


def is_inferred(basis: str | None) -> bool:
    """Return True for a date talktrack inferred; False for one the text states, or one of unknown basis (an older record)."""
    return basis is not None and basis not in ("text", "none")


def inferred_why(basis: str | None) -> str:
    """Return why a date is inferred, in words ("" for a stated one)."""
    return INFERRED_WHY.get(basis or "", "inferred") if is_inferred(basis) else ""


def is_doubtful(confidence: float | None) -> bool:
    """Return True for a record whose method was more often wrong than right (None: not measured, not doubtful)."""
    return confidence is not None and confidence < DOUBTFUL

# how a statement was attributed (extract/statements/)
SPEAKER_ATTRIBUTIONS = (
    "quote_cue",  # a direct quote, the nearest reporting verb with a subject outside it: '"...," Li said'
    "quote_intro",  # a quote introduced by a name and a colon, or signed on the line after it: 'Kim: "..."'
    "quote_paragraph",  # a quote paragraph with no attribution, the words of the speaker reported just before
    "headline_cue",  # a headline quote with its own attribution: "'We will keep talking,' says Brekke"
    "headline_match",  # a bare headline quote restating a body statement, whose speaker it takes
    "reported",  # reported speech, the subject of its reporting verb: "Guo said that ..."
    "cited",  # "..., citing Washington's top trade envoy"
    "same_clause",  # speech nested in a report by the same speaker: "said ..., expressing willingness to ..."
    "according_to",  # "..., according to X", with no verb of saying
    "nominal",  # a noun of saying with its sayer: "Iranian officials' statements that ..."
    "block_quote",  # a paragraph set off after "The governor added:"
)
# how the speaker phrase was read into a speaker
SPEAKER_READINGS = (
    "name",  # a person's name
    "organization",  # an organization's name
    "outlet",  # a news outlet's name
    "description",  # a description kept as the speaker: "the US side", "Chinese experts", "a senior official"
    "role",  # a definite description resolved to the person or body the story named with it: "the minister"
    "pronoun",  # a pronoun resolved to the person, body or group it stands for
    "pronoun_unresolved",  # a pronoun with nothing found for it to stand for
)
SPEAKER_METHODS = tuple(f"{a}.{r}" for a in SPEAKER_ATTRIBUTIONS for r in SPEAKER_READINGS)

EVENT_TYPES: tuple[str, ...] = typing.get_args(EventType)
EVENT_DATES: tuple[str, ...] = (*typing.get_args(DateBasis), "undated")
EVENT_PLACES: tuple[str, ...] = (*typing.get_args(PlaceBasis), "unplaced")
EVENT_METHODS = tuple(f"{t}.{p}.{d}" for t in EVENT_TYPES for p in EVENT_PLACES for d in EVENT_DATES)

METHODS: dict[str, tuple[str, ...]] = {"speaker": SPEAKER_METHODS, "event": EVENT_METHODS}


def speaker_method(attribution: str, reading: str) -> str:
    """Return the method name of a speaker found by `attribution` and read as `reading`."""
    return f"{attribution}.{reading}"


def event_method(event: Event) -> str:
    """Return the method name of an event as it stands: its type, how its place and its first day were found."""
    return f"{event.type}.{event.place_basis or 'unplaced'}.{event.start_basis or 'undated'}"


def parent(method: str) -> str:
    """Return the method a method's figure falls back to: "quote_cue" for "quote_cue.name", the root for "quote_cue"."""
    return method.rsplit(".", 1)[0] if "." in method else ROOT


def lineage(method: str) -> list[str]:
    """Return a method and every parent up to the root: "talks.sentence.text", "talks.sentence", "talks", "*"."""
    out = [method]
    while out[-1] != ROOT:
        out.append(parent(out[-1]))
    return out


@lru_cache(maxsize=1)
def calibration() -> dict[str, dict[str, Any]]:
    """Return the bundled calibration table: per kind ("speaker", "event"), each method's figures."""
    raw = bundled_yaml(CONFIDENCE_FILE) or {}
    return {kind: dict(raw.get(kind) or {}) for kind in METHODS}


def confidence(kind: str, method: str) -> float:
    """Return the confidence of a `kind` ("speaker" or "event") found by `method`.

    The table lists every method the code can emit; a name missing from it
    (a table older than the code) takes the figure of its nearest parent.
    """
    table = calibration()[kind]
    for name in lineage(method):
        entry = table.get(name)
        if entry is not None:
            return float(entry["confidence"])
    return 0.5  # an empty table: no measurement says more or less


def rate_event(event: Event) -> Event:
    """Set the event's method and confidence from what it is now (after merging, its merged state); return it."""
    event.method = event_method(event)
    event.confidence = confidence("event", event.method)
    return event
