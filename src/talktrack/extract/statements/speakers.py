"""Speakers resolved (pronouns, descriptions), dates attached, and the Statement records built."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Token

from talktrack.confidence import confidence, speaker_method
from talktrack.extract.attribution import Cues, Speaker, appositive_person, describe, entity_span, lower_article
from talktrack.extract.statements.found import Found
from talktrack.extract.statements.roles import fuller_group, named_organization, other_named_between, Roles
from talktrack.gazetteer import Gazetteer
from talktrack.event_records import is_day
from talktrack.model import Document, Statement, Timex, stable_id
from talktrack.nlp.views import char_span, doc_text


def finish(
    document: Document, doc: Doc, found: list[Found], mentions: list[Any], timexes: list[Timex], vocab: Cues, gaz: Gazetteer
) -> Iterator[Statement]:
    """Resolve pronoun speakers, attach dates, and build the Statement records."""
    text = doc_text(doc)
    dates = _full_dates(doc, timexes)
    people = sorted((m for m in mentions if getattr(m, "type", None) == "person"), key=lambda m: m.start)
    organizations = sorted((m for m in mentions if getattr(m, "type", None) == "organization"), key=lambda m: m.start)
    last_person: Speaker | None = None
    roles: Roles | None = None
    described: list[Speaker] = []
    for f in found:
        speaker = f.speaker
        pronoun = speaker.kind == "pronoun" or (speaker.kind == "person" and speaker.name in ("He", "She"))
        reading = "pronoun_unresolved" if pronoun else _READINGS.get(speaker.kind, "description")
        referred: Speaker | None = None  # what a pronoun stands for
        if speaker.kind == "pronoun" and speaker.name.lower() == "it":
            # "It also thanks ...": a body, never a person; the organization heading the sentence before
            referred = _subject_before(doc, speaker.start, organizations)
        elif speaker.kind == "pronoun" and speaker.name.lower() == "they":
            # "The Ministers of ... appreciate ... They noted ...": the plural subject before, never one person
            referred = _group_before(doc, speaker.start, gaz, vocab)
            if referred is not None:
                described.append(referred)
        elif pronoun:
            referred = _antecedent(speaker, last_person, people, _subject_before(doc, speaker.start, people))
        elif speaker.kind == "group" and (fuller := fuller_group(doc, speaker, described)) is not None:
            speaker, reading = fuller, "role"  # "The Ministers of Foreign Affairs of A, B and C ... The Ministers agreed"
        elif speaker.kind == "group":
            roles = roles or Roles(doc, people, gaz.honorifics)
            referent = roles.resolve(speaker, described)
            if referent is None and roles.salient_role(speaker, vocab):
                # "the Taoiseach tweeted" after "Irish premier Leo Varadkar has welcomed ...": no title
                # says so, but a definite role right after a person is that person, as "he" would be
                referent = _antecedent(speaker, last_person, people, _subject_before(doc, speaker.start, people))
                if referent is not None and other_named_between(people, referent, speaker):
                    referent = None  # someone else named since: the role may be theirs
                if referent is not None:
                    referent = roles.untitled_instead(referent, speaker)
            if referent is None:
                referent = named_organization(doc, speaker, mentions, vocab, (f.start, f.end))
            if referent is None:
                described.append(speaker)
            elif referent.kind == "person":  # the person's mention, to link; the words the text used, to keep
                last_person = referent
                speaker, reading = replace(referent, name=speaker.name), "role"
            else:
                speaker, reading = referent, "role"
        if referred is not None:
            speaker, reading = referred, "pronoun"
        if speaker.kind == "person" and f.speaker.kind != "group":
            last_person = speaker
        cue_text = None
        if f.cue is not None:
            cue_text = "according to" if f.cue.lower_ == "according" else f.cue.text
        said_on = _date_of(f, dates)
        method = speaker_method(f.how, reading)
        yield Statement(
            id=stable_id("st", document.id, f.start, f.end),
            doc_id=document.id,
            start=f.start,
            end=f.end,
            content=text[f.start : f.end],
            kind="direct" if f.kind == "direct" else "indirect",
            speaker_name=speaker.name,
            cue=cue_text,
            via=tuple(f.via),
            date=said_on.value if said_on is not None else None,
            speaker_start=speaker.start if speaker.kind != "pronoun" else None,
            speaker_end=speaker.end if speaker.kind != "pronoun" else None,
            speaker_side=speaker.side,
            cue_start=f.cue.idx if f.cue is not None else None,
            cue_end=f.cue.idx + len(f.cue.text) if f.cue is not None else None,
            date_basis=said_on.basis if said_on is not None else None,
            speaker_method=method,
            speaker_confidence=confidence("speaker", method),
        )


# how a speaker phrase that needed no resolving was read, by the kind `describe` gave it
_READINGS = {"person": "name", "organization": "organization", "outlet": "outlet", "group": "description"}


def _antecedent(
    pronoun: Speaker, last_person: Speaker | None, people: list[Any], subject: Speaker | None = None
) -> Speaker | None:
    """Return the person a "he"/"she" (or the surname-or-pronoun "He") refers to.

    The person who is the subject of the sentence before it (or of its own,
    before it) when named after the latest person quoted: "Speaking to
    reporters, Venkataraman struck a patient note. 'Our doors are open,' he
    said." Else the latest person quoted before it, else the latest named.
    """
    if subject is not None and (last_person is None or last_person.start < subject.start):
        return subject
    if last_person is not None and last_person.start < pronoun.start:
        return last_person
    before = [m for m in people if m.end <= pronoun.start]
    if before:
        m = before[-1]
        return Speaker(m.text, m.start, m.end, "person", m.country)
    return None


def _subject_before(doc: Doc, start: int, people: list[Any]) -> Speaker | None:
    """Return the person (or organization, given those) heading the main clause of the sentence holding `start`
    (before it), else of the one before."""
    for subject in _main_subjects_before(doc, start):
        named = appositive_person(subject) or entity_span(subject)
        mention = next((m for m in people if named is not None and m.start <= named.start_char < m.end), None)
        if mention is not None:
            return Speaker(mention.text, mention.start, mention.end, getattr(mention, "type", "person"), mention.country)
    return None


def _main_subjects_before(doc: Doc, start: int) -> Iterator[Token]:
    """Yield the subject of the main clause of the sentence holding `start` (when before it), then of the one before."""
    span = char_span(doc, start, start + 1)
    if span is None:
        return
    sent = span.sent
    for clause in (sent, doc[sent.start - 1].sent if sent.start > 0 else None):
        if clause is None:
            continue
        subject = next((c for c in clause.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.idx < start:
            yield subject


def _group_before(doc: Doc, start: int, gaz: Gazetteer, vocab: Cues) -> Speaker | None:
    """Return the plural subject a "they" stands for: the main clause's of the sentence holding it, else the one before.

    A plural noun phrase or coordinated names ("The Ministers of Foreign
    Affairs of Egypt, Ethiopia and Sudan", "Iran and the IAEA"); a pronoun or a
    single name there leaves "they" as it is.
    """
    for subject in _main_subjects_before(doc, start):
        if subject.pos_ == "PRON":
            continue
        if subject.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subject.children):
            # the whole phrase up to its verb ("of Egypt, Ethiopia and Sudan"), which the parser may hang elsewhere
            verb = min([subject.head.i, *(c.i for c in subject.head.lefts if c.dep_ in ("aux", "auxpass", "neg"))])
            between = doc[subject.right_edge.i + 1 : verb]
            end = verb if verb > subject.i and not any(t.pos_ in ("VERB", "AUX") or t.text in ("(", "\u2014") for t in between) else subject.right_edge.i + 1
            phrase = doc[subject.left_edge.i : end]
            said = describe(subject, gaz, vocab)
            if said.kind not in ("group", "organization") or len(phrase) <= len(char_span(doc, said.start, said.end) or ()):
                return said
            return Speaker(lower_article(phrase.text), phrase.start_char, phrase.end_char, "group", said.side)
        return None
    return None


def _full_dates(doc: Doc, timexes: list[Timex]) -> list[tuple[Timex, frozenset[int]]]:
    """Return each full date of the document with the tokens a cue must be for the date to be its day.

    "said on Sunday", "on Tuesday claimed": the date hangs from the cue itself. The
    tokens are the same for every statement, so they are found once per document.
    """
    out: list[tuple[Timex, frozenset[int]]] = []
    for t in timexes:
        if t.type != "DATE" or not is_day(t.value):
            continue
        span = char_span(doc, t.start, t.end)
        if span is None:
            continue
        root = span.root
        head = root.head if root.head.dep_ == "prep" else root
        cues = {root.head.i}
        if head.dep_ in ("prep", "npadvmod", "tmod", "pobj"):
            cues.add(head.head.i)
        out.append((t, frozenset(cues)))
    return out


def _date_of(f: Found, dates: list[tuple[Timex, frozenset[int]]]) -> Timex | None:
    """Return the date expression of the day a statement was made when the cue carries one (see `_full_dates`), not
    a date inside it."""
    if f.cue is None:
        return None
    return next((t for t, cues in dates if f.cue.i in cues and not f.start <= t.start < f.end), None)
