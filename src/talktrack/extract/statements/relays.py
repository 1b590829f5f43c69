"""Relays: who passed a statement on ("according to Xinhua", "told Reuters"), never the publishing outlet."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from talktrack.extract.attribution import Cues, is_outlet_phrase, noun_phrase, subject_of
from talktrack.extract.statements.found import Found
from talktrack.gazetteer import Gazetteer
from talktrack.nlp.views import char_span, doc_columns


def fill_relays(doc: Doc, found: list[Found], gaz: Gazetteer, vocab: Cues, publisher: str | None) -> None:
    """Fill each statement's `via`: who relayed it, innermost first, never the publishing outlet.

    "according to Xinhua", "per a Reuters report", "CNN reported", "said
    Xinhua", "told Reuters"; "told the Global Times" in the Global Times is
    how the paper got it, not a relay.
    """
    own = _outlet_key(publisher, gaz)
    columns = doc_columns(doc)  # the walks test plain lists and make a Token only where a relay may be
    lower, lemmas = columns.lower, columns.lemma_lower
    for f in found:
        anchor = f.cue if f.cue is not None else char_span(doc, f.start, f.end)
        if anchor is None:
            continue
        sent = anchor.sent
        relays: list[tuple[int, int, str]] = []
        for i in range(sent.start, sent.end):
            source: Span | None = None
            rank = 1
            if lower[i] == "according" and i + 1 < len(doc) and lower[i + 1] == "to":
                pobj = next((c for c in doc[i + 1].children if c.dep_ == "pobj"), None)
                source = noun_phrase(pobj) if pobj is not None else None
            elif lower[i] == "per" and columns.dep[i] == "prep":
                pobj = next((c for c in doc[i].children if c.dep_ == "pobj"), None)
                source = noun_phrase(pobj) if pobj is not None else None
            elif lemmas[i] in vocab.reporting and (f.cue is None or i != f.cue.i) and columns.pos[i] in ("VERB", "AUX"):
                token = doc[i]
                subject = subject_of(token)
                if subject is None:
                    subject = next((c for c in token.rights if c.ent_type_ == "ORG"), None)
                source = noun_phrase(subject) if subject is not None else None
            elif lemmas[i] == "tell" and f.cue is not None and i == f.cue.i and _relays_interviews(publisher, gaz):
                obj = next((c for c in f.cue.children if c.dep_ in ("dobj", "dative")), None)
                source, rank = (noun_phrase(obj) if obj is not None else None), 0
            if source is None:
                continue
            name = is_outlet_phrase(source, gaz)
            if name is None or _outlet_key(name, gaz) == own or name == f.speaker.name:
                continue
            if f.speaker.kind in ("outlet", "organization") and _outlet_key(f.speaker.name, gaz) == _outlet_key(name, gaz):
                continue
            relays.append((rank, i, name))
        outer = next((g for g in found if g is not f and g.speaker.kind == "person" and _reports_inside(g, f)), None)
        names = [_short_name(name, gaz) for _, _, name in sorted(relays)]
        if outer is not None:  # Zhou quoting the trade representative: Zhou relays, then Zhou's relays
            names = [outer.speaker.name, *outer.via, *names]
        f.via = list(dict.fromkeys(names))


def _reports_inside(outer: Found, inner: Found) -> bool:
    """Return True when `inner` is speech that `outer`'s speaker reports ("Zhou added that ..., as X said")."""
    if outer.start <= inner.start and inner.end <= outer.end:
        return True
    if outer.cue is None or inner.cue is None or outer.cue.i == inner.cue.i:
        return False
    return any(a.i == outer.cue.i for a in inner.cue.ancestors) and inner.speaker.name != outer.speaker.name


def _relays_interviews(publisher: str | None, gaz: Gazetteer) -> bool:
    """Return True when "told the X" names a relay: unless the publisher is a website reposting a paper's story.

    In its own pages "told the Global Times" is how the paper got the words
    (the publisher's own name is left out by the caller); on a website
    reposting a paper's story, the paper named is the one that wrote it. With
    no known publisher, "told Reuters" in a trade paper's story is how the
    words reached it: a relay.
    """
    outlet = gaz.outlet(publisher) if publisher else None
    return outlet is None or outlet.kind != "website"


def _short_name(name: str, gaz: Gazetteer) -> str:
    """Return an outlet's canonical name ("VNA" and "Valdoria News Agency" are one relay)."""
    outlet = gaz.outlet(name)
    return outlet.name if outlet is not None else name


def _outlet_key(name: str | None, gaz: Gazetteer) -> str | None:
    if not name:
        return None
    outlet = gaz.outlet(name)
    return outlet.name if outlet else re.sub(r"^the\s+", "", name.strip(), flags=re.I)
