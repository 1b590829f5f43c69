"""Filters: matches of the grammar that are no time in their sentence.

"2000 troops" counts, "The Sunday Times" and "USA Today" are names, "52
years old" is an age, "four flights a week" a rate, "as soon as" a
conjunction: TimeML marks none of them, and neither does the time layer.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from talktrack.extract.timex.grammar import vocabulary
from talktrack.extract.timex.scan import Found
from talktrack.nlp.views import char_span


def rejected(doc: Doc, text: str, found: Found) -> bool:
    """Return True for a match that is no time where it stands: a count, a name, an age, a rate, a title."""
    if found.rule == "year" and _is_count(doc, found.start, found.end):
        return True
    if _inside_name(doc, found):
        return True  # "The Sunday Times", "China Daily": part of a name
    if found.rule == "duration" and _is_frequency(doc, found.start, found.end):
        return True  # "four flights a week": a rate, not a stretch of time
    if found.rule in ("duration", "duration_adj", "plural_unit") and _is_age(text, found):
        return True  # "52 years old": an age
    if found.rule == "plural_unit" and _QUANTITY_OF.search(text, max(0, found.start - 20), found.start):
        return True  # "for hundreds of years", "a matter of months": a rough amount, not a stretch TimeBank marks
    if found.rule == "duration" and _not_a_unit(doc, found, text):
        return True
    if _is_connective(text, found) or _is_title(text, found):
        return True
    if _is_prospects(text, found) or _is_masthead(doc, text, found):
        return True
    # "a quarterly dividend" describes, "grow 4% annually" is a rate; "meets quarterly" and "on a daily basis" repeat
    return found.rule == "set_adverb" and not _BASIS.match(text, found.end) and (
        not _is_adverb(doc, found.start, found.end) or _is_rate(doc, found.start, found.end)
    )


_NAME_LABELS = {"ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "LAW"}


def _inside_name(doc: Doc, found: Found) -> bool:
    """Return True when the expression lies inside a named entity that is not a date.

    A named day is not taken for a person ("after Easter": the small model's PERSON), but it is part
    of a law's or a body's name ("the Good Friday Agreement").
    """
    span = char_span(doc, found.start, found.end)
    if span is None or not len(span):
        return False
    labels = _NAME_LABELS - {"PERSON"} if found.rule == "holiday" else _NAME_LABELS
    # a name around the expression ("The Sunday Times") or that is all of it ("60 Minutes"), read from the
    # entity tags at its edges; one the tagger found inside a time ("9:15 a.m. GMT", "10:00 Vienna time") is
    # part of the time
    first = span[0]
    if first.ent_iob_ == "I" and first.ent_type_ in labels:
        return True  # the name began before the expression
    if span.end < len(doc) and doc[span.end].ent_iob_ == "I" and doc[span.end].ent_type_ in labels:
        return True  # the name runs on after it
    return first.ent_iob_ == "B" and first.ent_type_ in labels and all(t.ent_iob_ == "I" for t in span[1:])


def _is_adverb(doc: Doc, start: int, end: int) -> bool:
    """Return True for an adverb that is not a newspaper's kind: "the party daily Granma", "the business daily Nikkei"."""
    span = char_span(doc, start, end)
    if span is None or span[0].pos_ != "ADV":
        return False
    return span.end == len(doc) or doc[span.end].pos_ != "PROPN"


def _is_frequency(doc: Doc, start: int, end: int) -> bool:
    """Return True for "a week" after a counted plural noun or an amount: "four flights a week", "$2 million a year"."""
    span = char_span(doc, start, end)
    if span is None or span[0].lower_ not in ("a", "an", "per") or span.start == 0:
        return False
    return _after_amount(doc[span.start - 1])


def _after_amount(before: Token) -> bool:
    """Return True for a token that ends an amount or a counted plural: "flights", "million", "%"."""
    return before.tag_ in ("NNS", "CD", "$") or before.lower_ in ("%", "percent")


def _is_rate(doc: Doc, start: int, end: int) -> bool:
    """Return True for a rate adverb after an amount: "grow 8.5% annually", "10,000 units annually".

    TimeBank leaves these unannotated, as it does "$2 million a year"; "meets quarterly" stays a SET.
    """
    span = char_span(doc, start, end)
    return span is not None and span.start > 0 and _after_amount(doc[span.start - 1])


_BASIS = re.compile(r"\s+basis\b", re.I)  # "on a daily basis": the adjective repeats
_QUANTITY_OF = re.compile(r"\b(?:hundreds|thousands|dozens|scores|matter)\s+of\s+$", re.I)
_AGE = re.compile(r"(?:-old\b|\s*-?\s*old\b|\s+of\s+age\b)", re.I)


def _is_age(text: str, found: Found) -> bool:
    """Return True for an age: "52 years old", "a 136-year-old institution" (TimeML leaves ages alone)."""
    return bool(_AGE.match(text, found.end)) or text[found.start : found.end].lower().endswith("-old")


def _not_a_unit(doc: Doc, found: Found, text: str) -> bool:
    """Return True for "a second group" (an ordinal) and "a quarter of the market" (a fraction)."""
    unit = (found.groups.get("unit") or "").lower()
    if unit == "second":
        span = char_span(doc, found.start, found.end)
        return span is not None and span.end < len(doc) and doc[span.end].pos_ in ("NOUN", "PROPN", "ADJ")
    if unit == "quarter":
        if (found.groups.get("num") or "").lower() in vocabulary().vague:
            return False  # "after several quarters of losses": no fraction is vague
        return bool(re.match(r"\s+of\s+(?!(?:the\s+|this\s+|that\s+)?(?:year|fiscal|\d{4}))", text[found.end :], re.I))
    return False


def _is_title(text: str, found: Found) -> bool:
    """Return True for a quoted title in capitals: ABC's "This Week" is a programme, not a week.

    The quotes must close right after it: "This Monday the two sides meet," he said opens a quotation.
    """
    words = text[found.start : found.end].split()
    quoted = text[max(0, found.start - 1) : found.start] in ('"', "\u201c")
    closed = text[found.end : found.end + 1] in ('"', "\u201d")
    if quoted and not closed and _TITLE_OWNER.search(text, max(0, found.start - 40), found.start - 1):
        # after an owner (ABC News' "This Week," said ...) the comma may sit inside the quotes and a longer
        # title goes on in capitals ("This Week With David Brinkley"); "Last Friday," he said is a quotation
        closed = _TITLE_END.match(text, found.end) is not None
    return quoted and closed and len(words) > 1 and all(w[:1].isupper() for w in words)


_TITLE_OWNER = re.compile(r"(?:\w's|\ws')\s*$")
_TITLE_END = re.compile(r"(?:\s+[A-Z][\w.'&-]*){0,6}[,.!?]?[\"\u201d]")


def _is_connective(text: str, found: Found) -> bool:
    """Return True for "soon" in "as soon as", "soon after": a conjunction of time, not a time."""
    if found.rule != "reference" or text[found.start : found.end].lower() != "soon":
        return False
    before, after = text[max(0, found.start - 4) : found.start].lower(), text[found.end : found.end + 12].lower()
    return before.endswith(("as ", "how ", "too ")) or bool(re.match(r"\s+(?:after|afterwards?|thereafter)\b", after))


def _is_prospects(text: str, found: Found) -> bool:
    """Return True for "the future of our peoples": a thing's prospects, not a time (TimeBank leaves it)."""
    return (
        found.rule == "reference"
        and text[found.start : found.end].lower().endswith("future")
        and re.match(r"\s+of\b", text[found.end :]) is not None
    )


def _is_masthead(doc: Doc, text: str, found: Found) -> bool:
    """Return True for "Today" in a name: "USA Today", "This is VOA Today" (capitalized after a capitalized word)."""
    if found.rule != "today" or text[found.start : found.end] not in ("Today", "Tonight"):
        return False
    span = char_span(doc, found.start, found.end)
    if span is None or span.start == 0 or span[0].is_sent_start:
        return False
    before = doc[span.start - 1]
    return before.is_alpha and (before.is_title or before.is_upper)


def _is_count(doc: Doc, start: int, end: int) -> bool:
    """Return True for a number that counts something ("2000 troops"), not a year."""
    span = char_span(doc, start, end)
    if span is None or len(span) != 1:
        return False
    token = span[0]
    # "sent 2000 troops" counts; "the 1996 campaign" and "the 1998 elections" name a year
    before = doc[token.i - 1] if token.i > 0 else None
    determined = before is not None and before.pos_ in ("DET", "PRON") or (before is not None and before.tag_ == "POS")
    if before is not None and before.lower_ in ("in", "since", "until", "during", "before", "after"):
        return False  # "in 1988 imports fell": a preposition of time before the number makes it a year
    return token.dep_ == "nummod" and token.head.tag_ == "NNS" and not determined


def is_someday(doc: Doc, found: Found, text: str) -> bool:
    """Return True for "one day" as an adverb of indefinite time: "Islam will one day be", "he may one day lead".

    Before a verb or after a modal it names no stretch (TimeML: FUTURE_REF); "in the job one day" counts a day.
    """
    if text[found.start : found.end].lower() != "one day":
        return False
    span = char_span(doc, found.start, found.end)
    if span is None:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    before = doc[span.start - 1] if span.start > 0 else None
    return (after is not None and after.pos_ in ("VERB", "AUX")) or (before is not None and before.tag_ == "MD")

