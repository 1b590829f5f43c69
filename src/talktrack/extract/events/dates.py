"""When an event was: the date expression tied to its trigger, and a round's first and last day from what its
words say of the date ("two days of talks", "the talks concluded on Friday").
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.event_records import ROUND_TYPES, calendar_span
from talktrack.extract.events.occasions import ROUND_NOUNS
from talktrack.extract.timex.grammar import vocabulary
from talktrack.model import DateBasis, Timex
from talktrack.nlp.views import Columns, char_span, doc_columns

DAY = re.compile(r"\d{4}-\d\d-\d\d")
# verbs whose dates and places are their subject's: "the talks ended on Wednesday", "the fourth round is set for May 16 in Rome"
_EVENT_PREDICATES = {"end", "conclude", "begin", "start", "open", "close", "hold", "resume", "wrap", "continue", "convene",
                     "set", "schedule", "slate", "plan", "reschedule", "postpone", "delay", "take", "last", "get"}
# verbs whose dates and places are their object's: "held talks on Monday in Geneva", "resumed negotiations in Rome"
_OBJECT_PREDICATES = {"hold", "conduct", "have", "open", "begin", "start", "resume", "convene", "conclude", "complete", "host", "stage",
                      "sign", "ink", "initial", "seal", "strike", "reach"}  # "signed an agreement on May 20 in Jeddah"
_SCHEDULING = {"set", "schedule", "slate", "plan", "reschedule", "postpone", "delay"}
_CLAUSES = {"conj", "relcl", "advcl", "ccomp", "parataxis"}  # a clause of its own: its dates are its own
_ENDING = {"end", "conclude", "close", "wrap", "finish", "adjourn"}
_PHASES = _ENDING | {"begin", "start", "open", "kick"}


class When(NamedTuple):
    """An event's first and last day, each with how it was reached."""

    start: str | None = None
    end: str | None = None
    start_basis: DateBasis | None = None
    end_basis: DateBasis | None = None


UNDATED = When()


def event_dates(
    sent: SpacySpan, token: Token, timexes: list[Timex], kind: str = "", others: frozenset[int] = frozenset()
) -> When:
    """Return the first and last day of the event: the date expression closest to its trigger."""
    candidates = [
        t for t in timexes
        if t.type in ("DATE", "TIME") and sent.start_char <= t.start < sent.end_char and t.value[:1].isdigit()
    ]
    if not candidates:
        return UNDATED
    doc = sent.doc

    bounds = ("since", "after") if kind == "deadline" else ("since", "until", "before", "after", "by")

    def bounded(t: Timex) -> bool:
        span = char_span(doc, t.start, t.end)
        return span is not None and span.start > 0 and doc[span.start - 1].lower_ in bounds and doc[span.start - 1].lower_ not in ("until", "till")

    def describes(t: Timex) -> bool:
        """Whether the date only names another thing: "to negotiate a return to the 2015 nuclear deal"."""
        if DAY.fullmatch(t.value):
            return False  # a day is the parser's error more often than a name's: "On Tuesday Chile and Peru agreed"
        span = char_span(doc, t.start, t.end)
        return span is not None and span.root.dep_ in ("compound", "nummod", "amod", "nmod") and span.root.head.i != token.i \
            and span.root.head.pos_ in ("NOUN", "PROPN") and not span.root.head.lemma_.lower() in ROUND_NOUNS

    def rank(t: Timex) -> tuple[int, int, int]:
        near = attached(token, t.start, t.end, others, kind) and not describes(t)
        return (0 if near else 1, bounded(t), abs(t.start - token.idx))

    best = min(candidates, key=rank)  # "met for the first time since March today": today, not March
    if rank(best)[0] != 0:
        return UNDATED  # a date elsewhere in the sentence ("said on Friday") is not the event's
    span = char_span(doc, best.start, best.end)
    if span is not None and span.start > 0 and doc[span.start - 1].lower_ in ("until", "till") and kind in ROUND_TYPES:
        return When(None, calendar_span(best.value)[0], None, best.basis)  # "talks scheduled to last until July 7": their last day
    if span is not None and span.start > 0 and doc[span.start - 1].lower_ in bounds:
        return UNDATED  # "their first call since February" is not dated February; a deadline "until August 16" is
    if best.range:
        first, last = calendar_span(best.range[0]), calendar_span(best.range[1])
        return When(first[0], last[1] or last[0], best.basis, best.basis)
    start, end = calendar_span(best.value)
    later = _conjoined_day(doc, best, candidates)
    if later is not None and end is None:
        return When(start, later.value, best.basis, later.basis)
    return When(start, end, best.basis, best.basis if end else None)


def _conjoined_day(doc: Doc, first: Timex, candidates: list[Timex]) -> Timex | None:
    """Return the day joined to `first` by "and" that ends the event: "held on Monday and Tuesday" ends Tuesday."""
    span = char_span(doc, first.start, first.end)
    if span is None or not DAY.fullmatch(first.value):
        return None
    if not any(c.dep_ == "cc" and c.lower_ == "and" for c in span.root.children):
        return None
    for t in candidates:
        other = char_span(doc, t.start, t.end)
        if other is None or other.root.dep_ != "conj" or other.root.head.i != span.root.i or not DAY.fullmatch(t.value):
            continue
        if 0 < (date.fromisoformat(t.value) - date.fromisoformat(first.value)).days <= 6:
            return t
    return None


def attached(token: Token, start: int, end: int, others: frozenset[int] = frozenset(), kind: str = "") -> bool:
    """Return True when the text at start:end belongs to the trigger's phrase.

    Inside its subtree or its head's ("meeting in Kuala Lumpur from Saturday to
    Sunday"), or right after its phrase ("the talks in Geneva this May"). Not
    when another event's trigger (`others`) or another clause comes between:
    in "negotiators met with a deadline approaching on August 16" the date is
    the deadline's, in "agreed ... and will meet again in July" the meeting's;
    what an agreement is to do ("agreed to cut fees from May 1") is not dated
    by the agreement.
    """
    doc = token.doc
    span = char_span(doc, start, end)
    if span is None:
        return False
    root = span.root
    scope = _predicate(token) or (token.head if token.dep_ in ("pobj", "compound") else token)
    columns = doc_columns(doc)  # the way up is walked by index, without making Tokens
    path: list[int] = []
    for a in columns.lineage(root.i):
        if a in (scope.i, token.i):
            if path and columns.dep[path[-1]] in ("relcl", "acl"):
                path.pop()  # "a deadline that had been due to fall on August 16": the clause describes the trigger
            if kind in ROUND_TYPES and (clause := _place_clause(token)) is not None and clause.i in path:
                path = [i for i in path if i != clause.i]  # "talks in the capital, which concluded on Friday"
            return not _crosses(columns, path, kind, others)
        path.append(a)
    if kind == "deadline" and any(a.i == root.i for a in token.ancestors) and token.dep_ in ("relcl", "acl", "advcl"):
        return True  # "runs until August 16, when the truce will expire": the trigger describes the date
    right = token.right_edge.idx + len(token.right_edge.text)
    if not 0 <= start - right <= 25:
        return False
    gap = char_span(doc, right, start) if start > right else None
    between = gap.text_with_ws if gap is not None else ""
    # "the talks in Geneva this May": only a preposition of time between them, not "until"
    return re.fullmatch(r"\s*(?:(?:in|on|at)\s+)?", " " + between) is not None


def _predicate(token: Token) -> Token | None:
    """Return the verb that says when or where the trigger happened: "(two days of) talks ... ended on Wednesday"."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.head.i:
        token = token.head.head
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in _EVENT_PREDICATES:
        if token.head.lemma_.lower() in _SCHEDULING and any(c.dep_ == "dobj" for c in token.head.children):
            return None  # "the round will set the agenda for the visit in November": the round sets, is not set
        return token.head
    if token.dep_ == "dobj" and token.head.lemma_.lower() in _OBJECT_PREDICATES:
        return token.head
    return None


def _crosses(columns: Columns, path: list[int], kind: str, others: frozenset[int]) -> bool:
    """Whether the way up from a date or place to the trigger (token indices) passes another event's word or clause."""
    closed = _CLAUSES | ({"xcomp"} if kind == "agreement" else set())
    return any(i in others or (columns.dep[i] in closed and columns.pos[i] in ("VERB", "AUX")) for i in path)


def span_of_days(token: Token, when: When) -> When:
    """Return a round's first and last day from what its words say of the date: the day its talks "concluded" is
    its last (its first is not given); "two days of talks" from Monday end on Tuesday; "a second day of talks" on
    Tuesday began on Monday. A day counted so is dated by the period."""
    start, end = when.start, when.end
    if start is None or not DAY.fullmatch(start) or end not in (None, start):
        return when
    verb = _phase_verb(token) or _place_clause(token)
    if verb is not None and verb.lemma_.lower() in _ENDING:
        return When(None, start, None, when.start_basis)
    days, ordinal = _days_of(token)
    if days > 1:
        first = date.fromisoformat(start)
        if ordinal:
            return When((first - timedelta(days=days - 1)).isoformat(), start, "period", when.start_basis)
        return When(start, (first + timedelta(days=days - 1)).isoformat(), when.start_basis, "period")
    return when


def _phase_verb(token: Token) -> Token | None:
    """Return the verb that says the round began or ended: "the talks ended on Friday", "talks, which concluded"."""
    while token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.i != token.head.i:
        token = token.head.head  # "the second round of talks ended"
    if token.dep_ in ("nsubj", "nsubjpass") and token.head.pos_ == "VERB":
        return token.head
    return next((c for c in token.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"), None)


def _place_clause(token: Token) -> Token | None:
    """Return a clause on the round's place that says when the round began or ended, as the parser attaches "which
    concluded" in "talks in the Cuban capital, which concluded on Friday": a city does not conclude, the talks did."""
    nouns = [token] + [o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"]
    for prep in (c for noun in nouns for c in noun.children):  # "the third round of talks in Quito, which ..."
        if prep.dep_ == "prep" and prep.lower_ in ("in", "at"):
            for obj in prep.children:
                clause = next((c for c in obj.children if c.dep_ == "relcl" and c.lemma_.lower() in _PHASES), None)
                if obj.dep_ == "pobj" and clause is not None and obj.ent_type_ in ("", "GPE", "LOC", "FAC"):
                    return clause
    return None


def _days_of(token: Token) -> tuple[int, bool]:
    """Return how many days a round's words give it, and whether as an ordinal: "two days of talks" (2, False),
    "a three-day meeting" (3, False), "a second day of talks" (2, True)."""
    words = vocabulary()
    for child in token.children:
        match = re.fullmatch(r"(\w+)-day", child.lower_)
        if child.dep_ in ("amod", "compound", "nummod") and match and number_of(match.group(1)) > 1:
            return number_of(match.group(1)), False
        if child.lemma_.lower() == "day" and child.dep_ in ("amod", "compound", "nmod"):  # "three - day" as three words
            number = next((number_of(c.lower_) for c in child.children if c.dep_ == "nummod"), 0)
            if number > 1:
                return number, False
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() == "day":
        day = token.head.head
        for child in day.children:
            if child.dep_ == "nummod" and number_of(child.lower_) > 1:
                return number_of(child.lower_), False
            if child.dep_ == "amod" and child.lower_ in words.ordinals:
                return words.ordinals[child.lower_], True
    return 1, False


def number_of(word: str) -> int:
    """Return the number a word or figure writes ("two", "3"), 0 for another word."""
    if word.isdigit():
        return int(word) if len(word) < 4 else 0
    return vocabulary().numbers.get(word, 0)
