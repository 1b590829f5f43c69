"""Person mentions completed from the rest of the document: aliases, tagger slips, and sides given elsewhere."""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan

from talktrack.extract.entities.sides import side_ending_at
from talktrack.extract.entities.titles import OPPOSITE
from talktrack.gazetteer import Gazetteer
from talktrack.model import Mention, Title
from talktrack.nlp.components.person_names import ALIAS_CUES
from talktrack.nlp.views import doc_ents, span_text


_TIME_WORDS = ("former", "acting", "interim", "outgoing", "incoming", "then", "new")  # "former President": still "President"


def document_people(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Complete person mentions from the rest of the document.

    "X, alias Y": Y is another name of X (its key). "the Colombian president"
    or "Switzerland's president" elsewhere in the document gives the side to
    the one person titled president who has none.
    """
    by_end = {m.end: m for m in mentions if m.type == "person"}
    respective = _respective_roles(doc, gaz)
    out = []
    for m in people_tagged_otherwise(mentions):
        if m.type == "person":
            owner = _alias_of(doc, m, by_end)
            if owner is not None:
                m = replace(m, key=owner.key or owner.name)
            if m.start in respective and m.country is None:
                title, side = respective[m.start]
                m = replace(m, country=side, titles=(*m.titles, title))
        out.append(m)
    groups: dict[str, list[int]] = {}
    for n, m in enumerate(out):
        if m.type == "person":
            groups.setdefault(_surname(m), []).append(n)
    sided = {last for last, ns in groups.items() if any(out[n].country for n in ns)}

    def titled(ns: list[int], head: str) -> bool:
        """Return True when the person holds the bare title ("President X"): a fuller one ("Senate
        Republican leader") places the person elsewhere than the description."""
        return any(
            [w for w in t.title.lower().split() if w not in _TIME_WORDS] == [head] for n in ns for t in out[n].titles
        )

    for head, side in _described_sides(doc, gaz).items():
        if any(titled(ns, head) and any(out[n].country == side for n in ns) for ns in groups.values()):
            continue  # "the Chinese president" is the Chinese president the document names
        holders = [last for last, ns in groups.items() if last not in sided and titled(ns, head)]
        if len(holders) == 1:
            for n in groups[holders[0]]:
                out[n] = replace(out[n], country=side)
    _sides_of_possessors(doc, out, groups, gaz)
    _sides_of_parties(doc, out, groups, gaz)
    return out


def people_tagged_otherwise(mentions: list[Mention]) -> list[Mention]:
    """Return the mentions with a person's name the tagger took for a body or a place made the person's.

    "President Karin Keller-Sutter ... Keller-Sutter and Parmelin": the tagger
    reads the bare surname as an organization. A name outside the gazetteer
    that is, in this document, a person's full name or the surname of a
    person named in full is that person.
    """
    names: set[str] = set()
    for m in mentions:
        if m.type == "person" and len(parts := m.name.split()) > 1:
            names.update((m.name, parts[-1]))
    if not names:
        return mentions
    return [
        replace(m, type="person", key=None, country=None)
        if m.type in ("organization", "place") and m.key is None and m.name in names and m.name[:1].isupper()
        else m
        for m in mentions
    ]


def _sides_of_parties(doc: Doc, out: list[Mention], groups: dict[str, list[int]], gaz: Gazetteer) -> None:
    """Give "rebel spokesman X" the side the document gives the rebels ("the Yemeni rebels").

    A party word ("rebels", "opposition", "government") with one side in the
    whole document ("Houthi rebels", "Yemen's rebel chief", "the Government
    of Colombia") gives that side to the side-less people whose title or
    title's body has the word.
    """
    parties = _party_sides(doc, gaz)
    if not parties:
        return
    for ns in groups.values():
        if any(out[n].country for n in ns):
            continue
        words = {
            _party_key(w)
            for n in ns
            for t in out[n].titles
            for w in re.findall(r"[\w]+", f"{t.title} {t.organization or ''}".lower())
        }
        codes = {parties[w] for w in words if w in parties}
        if len(codes) == 1:
            side = codes.pop()
            for n in ns:
                out[n] = replace(out[n], country=side)


def _party_key(word: str) -> str:
    return word.lower().rstrip("s") if word.lower() != "opposition" else "opposition"


def _party_sides(doc: Doc, gaz: Gazetteer) -> dict[str, str]:
    """Return each party word the document gives exactly one side: "the Yemeni rebels" {"rebel": "YE"}."""
    found: dict[str, set[str]] = {}
    for tok in doc:
        if tok.lower_ not in gaz.party_words:
            continue
        side = side_ending_at(doc, tok.i - 1, gaz, bodies=True) if tok.i > 0 else None
        if side is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].is_title:
            last = tok.i + 2
            while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
                last += 1
            side = side_ending_at(doc, last, gaz)  # "the Government of Colombia"
        if side is not None:
            found.setdefault(_party_key(tok.lower_), set()).add(side[0])
    return {key: next(iter(codes)) for key, codes in found.items() if len(codes) == 1}


def _surname(m: Mention) -> str:
    return (m.key or m.name).split()[-1]


def _sides_of_possessors(doc: Doc, out: list[Mention], groups: dict[str, list[int]], gaz: Gazetteer) -> None:
    """Give "Putin's spokesman X" and "his chief of staff X" the side of the person they work for.

    The possessor is the person named right before "'s", or for "his"/"her"
    the subject of the sentence when it is a person; the side is the one the
    document gives that person anywhere.
    """
    side_of = {last: next((out[n].country for n in ns if out[n].country), None) for last, ns in groups.items()}
    by_start = {m.start: m for m in out if m.type == "person"}
    for n, m in enumerate(out):
        if m.type != "person" or side_of.get(_surname(m)) or any(t.title.split()[-1].lower() in OPPOSITE for t in m.titles):
            continue  # "his counterpart X" is on the other side
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        owner = _possessor_person(span, gaz) if span is not None else None
        mention = by_start.get(owner.start_char) if owner is not None else None
        side = side_of.get(_surname(mention)) if mention is not None else None
        if side:
            for k in groups[_surname(m)]:
                out[k] = replace(out[k], country=side)
            side_of[_surname(m)] = side


def _possessor_person(span: SpacySpan, gaz: Gazetteer) -> SpacySpan | None:
    """Return the person whose title the name holds: "Putin's spokesman X", "his deputy X"."""
    doc = span.doc
    i = span.start - 1
    while i >= 0 and (doc[i].lower_ in gaz.title_heads or doc[i].lower_ in gaz.title_modifiers or doc[i].lower_ == "of"):
        i -= 1
    if i == span.start - 1 or i < 1:
        return None
    if doc[i].text in ("'s", "’s") and doc[i - 1].ent_type_ == "PERSON":
        start = i - 1
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        return doc[start:i]
    if doc[i].lower_ in ("his", "her"):
        subject = next((t for t in doc[i].sent if t.dep_ in ("nsubj", "nsubjpass") and t.ent_type_ == "PERSON"), None)
        if subject is not None and subject.i < i:
            return next((e for e in doc[i].sent.ents if e.start <= subject.i < e.end), None)
    return None


def _respective_roles(doc: Doc, gaz: Gazetteer) -> dict[int, tuple[Title, str]]:
    """Pair a list of sides with the list of names right after it, in order.

    "the foreign ministers of Russia, Azerbaijan and Armenia Sergei Lavrov,
    Jeyhun Bayramov and Zohrab Mnatsakanyan": a plural title, "of", n sides,
    then n names; each name gets the singular title and the side at its place.
    Returns {start character of the name: (title, side)}.
    """
    people = [e for e in doc_ents(doc) if e.label_ == "PERSON"]
    found: dict[int, tuple[Title, str]] = {}
    n = 0
    while n < len(people):
        run = [people[n]]
        while n + len(run) < len(people) and _list_gap(doc, run[-1].end, people[n + len(run)].start):
            run.append(people[n + len(run)])
        n += len(run)
        if len(run) < 2:
            continue
        sides: list[str] = []
        i = run[0].start - 1
        while i >= 0 and len(sides) < len(run):
            side = side_ending_at(doc, i, gaz)
            if side is None or doc[i].text in ("'s", "’s"):
                break
            sides.insert(0, side[0])
            i = side[1] - 1
            if i >= 0 and doc[i].lower_ in (",", "and"):
                i -= 1 + (doc[i].text == "," and i > 0 and doc[i - 1].lower_ == "and")
        if len(sides) != len(run) or i < 1 or doc[i].lower_ != "of":
            continue
        plural = doc[i - 1].lower_
        if not (plural.endswith("s") and plural[:-1] in gaz.title_heads):
            continue
        k = i - 1
        while k > 0 and (doc[k - 1].lower_ in gaz.title_modifiers or doc[k - 1].is_title and doc[k - 1].pos_ == "PROPN"):
            k -= 1
        title = Title(span_text(doc[k : i])[:-1])
        for person, code in zip(run, sides):
            found[person.start_char] = (title, code)
    return found


def _list_gap(doc: Doc, end: int, start: int) -> bool:
    """Return True when only "," and "and" separate two names: "Lavrov, Bayramov and Mnatsakanyan"."""
    return 0 < start - end <= 2 and all(t.lower_ in (",", "and") for t in doc[end:start])


def _alias_of(doc: Doc, mention: Mention, by_end: dict[int, Mention]) -> Mention | None:
    """Return the person whose other name `mention` is: "Israel Ramírez, alias Pablo Beltrán"."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    for cue in ALIAS_CUES:
        first = span.start - len(cue)
        if first >= 2 and tuple(t.lower_ for t in doc[first : span.start]) == cue and doc[first - 1].text == ",":
            return by_end.get(doc[first - 2].idx + len(doc[first - 2].text))
    return None


def _described_sides(doc: Doc, gaz: Gazetteer) -> dict[str, str]:
    """Return the side of each title the document uses as a definite description without a name.

    "the Colombian president", "Switzerland's president", "the former Nigerian
    leader": a title head after a side, not followed by a name. A head given
    two different sides in one document is left out.
    """
    found: dict[str, set[str]] = {}
    for tok in doc:
        if tok.lower_ not in gaz.title_heads or tok.i == 0:
            continue
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and (nxt.ent_type_ == "PERSON" or nxt.pos_ == "PROPN" and nxt.is_title):
            continue  # "President Gustavo Petro": a title before a name
        if nxt is not None and nxt.text == "," and tok.i + 2 < len(doc) and doc[tok.i + 2].ent_type_ == "PERSON":
            continue  # "the Kremlin's adviser, Yuri Ushakov": the same, across a comma
        k = tok.i - 1
        while k > 0 and doc[k].lower_ in gaz.title_modifiers:
            k -= 1
        side = side_ending_at(doc, k, gaz)
        if side is None:
            continue
        possessive = doc[k].text in ("'s", "’s")
        definite = any(doc[j].lower_ == "the" for j in range(max(0, side[1] - 2), side[1]))
        if possessive or definite:
            found.setdefault(tok.lower_, set()).add(side[0])
    return {head: next(iter(codes)) for head, codes in found.items() if len(codes) == 1}
