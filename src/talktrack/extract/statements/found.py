"""A statement being assembled, and the trimming of its span."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from talktrack.extract.attribution import Speaker
from talktrack.nlp.components.section_breaks import DATELINE


TRIM = " \t\n,;:.\"'\u201c\u201d\u2018\u2019"


@dataclass(slots=True)
class Found:
    """A statement being assembled, before its speaker is resolved."""

    start: int
    end: int
    kind: str
    speaker: Speaker
    cue: Token | None
    via: list[str] = field(default_factory=list)
    how: str = "reported"  # how it was attributed: one of talktrack.confidence.SPEAKER_ATTRIBUTIONS


# "OSLO, July 31 (Harbor Wire) --", "SINGAPORE —": a wire dateline opens the story, not the statement
def trim(text: str, content: Span) -> tuple[int, int]:
    """Return character offsets of a clause without a leading "that" or surrounding punctuation."""
    start, end = content.start_char, content.end_char
    lead = re.match(r"(?:that|That)\s+", text[start:end]) or DATELINE.match(text, start, end)
    if lead:
        start = lead.end() if lead.re is DATELINE else start + lead.end()
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and text[end - 1] in TRIM:
        end -= 1
    return start, end
