"""Entity mentions with the titles, affiliations and side the text gives them.

"Chinese Vice Premier He Lifeng": title "Vice Premier", side CN from the
demonym. "Zhou Mi, a senior research fellow at the Chinese Academy of
International Trade and Economic Cooperation": title and organization from
the apposition, side from the organization's name. "President Lee Jae-myung
of South Korea": side from the "of" phrase.

The side is the country a person acts for, or the international body (UN,
EU) an official speaks for. It is read, strongest first, from the person's
own phrases (a demonym or possessive before the title, a body in the title,
an apposition, "as Lebanon's negotiator"), then from the context before the
title ("the group's leader", "Hezbollah commanders including", "a delegation,
led by"), then from the rest of the document: a list of sides paired with a
list of names, a name-less description ("the Colombian president"), the
person a title belongs to ("Putin's spokesman", "his chief of staff") and a
party word in the title ("rebel spokesman" where the rebels are Yemeni).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span as SpacySpan, Token

from talktrack.extract.event_words import event_words
from talktrack.extract.registry import extractor
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.model import Document, EntityType, Mention, Title
from talktrack.nlp.components.person_names import ALIAS_CUES
from talktrack.nlp.views import doc_ents, span_text
from talktrack.settings import Settings

_LABELS: dict[str, EntityType] = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}
_DETERMINER = re.compile(r"^(?:the|The|a|an|An|A)\s+")
# "spokesperson for the Foreign Ministry" names the employer; "for" without "the" opens a portfolio, part
# of the title: "Under-Secretary for Political Affairs", "special envoy for Yemen"
_ORG_LINK = re.compile(r"\s+(?:(?:at|with|of|from)\s+(?:the\s+)?|for\s+the\s+)(?=[A-Z])")
_ADVERB = re.compile(r"^(?:also|now|currently|then|formerly|previously|and|as)\s+")
_MAX_TITLE_WORDS = 6
_POSTING = ("to", "in", "for")  # "Mission Chief to Pakistan", "ambassador in Kyiv": where the post is, not whose


@extractor("entities")
def find_mentions(document: Document, doc: Doc, settings: Settings, _layers: dict[str, list[Any]]) -> Iterator[Mention]:
    """Yield a Mention for every person, organization, place and country in `doc`, in text order."""
    gaz = load_gazetteer(tuple(settings.gazetteers))
    mentions = list(_mentions(document, doc, gaz))
    yield from _document_people(doc, mentions, gaz)


def _mentions(document: Document, doc: Doc, gaz: Gazetteer) -> Iterator[Mention]:
    """Yield each entity's mention with what its own sentence says about it."""
    for ent in doc_ents(doc):
        kind = _LABELS.get(ent.label_)
        if kind is None:
            continue
        text = span_text(ent)
        name = _DETERMINER.sub("", text).strip(" ,.;:'’\"-–")  # "alias Antonio García- was": a dash glued on
        if not name:
            continue
        if kind == "organization" and _part_of_title(ent, name, gaz):
            continue
        if ent.label_ in ("ORG", "FAC", "LOC", "PERSON") and event_words().names_gathering(ent):
            continue  # "the APEC Economic Leaders' Meeting", "the East Asia Summit": an event's name, not a body or a place
        if kind == "person":
            titles, country = person_titles(ent, gaz)
            yield Mention(document.id, ent.start_char, ent.end_char, text, "person", name, None, country, titles)
        elif kind == "organization":
            outlet = gaz.outlet(name)
            key = outlet.name if outlet else None
            if outlet:
                country = outlet.country
            else:
                name, country = organization_name(name, gaz)
            yield Mention(document.id, ent.start_char, ent.end_char, text, "organization", key or name, key, country)
        else:
            if name.isupper() and len(name) > 3:
                name = name.title()  # a dateline's "SINGAPORE" is Singapore
            code = gaz.country_names.get(name)
            if code and name not in gaz.capitals:  # "talks in London" is a place, not the UK
                label = gaz.country_labels[code]
                yield Mention(document.id, ent.start_char, ent.end_char, text, "country", label, code, code)
            else:
                yield Mention(document.id, ent.start_char, ent.end_char, text, "place", name, None, gaz.capitals.get(name))


def _document_people(doc: Doc, mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """Complete person mentions from the rest of the document.

    "X, alias Y": Y is another name of X (its key). "the Colombian president"
    or "Switzerland's president" elsewhere in the document gives the side to
    the one person titled president who has none.
    """
    by_end = {m.end: m for m in mentions if m.type == "person"}
    respective = _respective_roles(doc, gaz)
    out = []
    for m in _people_tagged_otherwise(mentions):
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


def _people_tagged_otherwise(mentions: list[Mention]) -> list[Mention]:
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
        side = _side_ending_at(doc, tok.i - 1, gaz, bodies=True) if tok.i > 0 else None
        if side is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].is_title:
            last = tok.i + 2
            while last + 1 < len(doc) and doc[last + 1].ent_iob_ == "I":
                last += 1
            side = _side_ending_at(doc, last, gaz)  # "the Government of Colombia"
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
        if m.type != "person" or side_of.get(_surname(m)) or any(t.title.split()[-1].lower() in _OPPOSITE for t in m.titles):
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
            side = _side_ending_at(doc, i, gaz)
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
        side = _side_ending_at(doc, k, gaz)
        if side is None:
            continue
        possessive = doc[k].text in ("'s", "’s")
        definite = any(doc[j].lower_ == "the" for j in range(max(0, side[1] - 2), side[1]))
        if possessive or definite:
            found.setdefault(tok.lower_, set()).add(side[0])
    return {head: next(iter(codes)) for head, codes in found.items() if len(codes) == 1}


def _part_of_title(ent: SpacySpan, name: str, gaz: Gazetteer) -> bool:
    """Return True for "Trade" in "Ostrevian Trade Secretary": a title word the tagger took for an organization."""
    doc = ent.doc
    following = doc[ent.end] if ent.end < len(doc) else None
    bare = organization_name(name, gaz)[0]
    return (
        following is not None
        and following.lower_ in gaz.title_heads
        and len(bare.split()) == 1
        and bare.lower() not in gaz.organization_heads
        and gaz.outlet(name) is None
        and name not in gaz.organizations
    )


def organization_name(name: str, gaz: Gazetteer) -> tuple[str, str | None]:
    """Return an organization's name without a leading side, and the side.

    "US Treasury" and "U.S. Treasury" are the Treasury of side US, and "Chinese
    Foreign Ministry" the Foreign Ministry of CN; "Chinese Academy of Social
    Sciences" keeps its demonym, which belongs to a longer proper name.
    """
    words = name.split()
    code = gaz.country_of(words[0]) if len(words) >= 2 else None
    if code and words[0] not in gaz.capitals and len(words) <= 3 and "of" not in words:
        return " ".join(words[1:]), code
    return name, gaz.organizations.get(name) or _country_in(name, gaz)


def person_titles(ent: SpacySpan, gaz: Gazetteer) -> tuple[tuple[Title, ...], str | None]:
    """Return the titles and side the text gives a person mention, before and after the name."""
    titles: list[Title] = []
    pre_titles, country, context = _title_before(ent, gaz)
    titles.extend(pre_titles)
    for title in _titles_after(ent, gaz):
        titles.append(title)
        country = (
            country
            or gaz.organizations.get(title.organization or "")
            or _country_in(_without_posting(_appositive_text(ent)), gaz)
        )
    role = _as_role(ent, gaz)
    if role is not None:
        titles.append(role[0])
        country = country or role[1]
    country = country or _country_of_phrase(ent, gaz) or context
    return tuple(titles), country


def _as_role(ent: SpacySpan, gaz: Gazetteer) -> tuple[Title, str | None] | None:
    """Read a predicative role right after the name: "endorsed Berri as Lebanon's negotiator"."""
    doc = ent.doc
    i = ent.end
    if i + 1 >= len(doc) or doc[i].lower_ != "as":
        return None
    i += 1 + (doc[i + 1].lower_ in ("the", "a", "an"))
    end = i
    while end < min(len(doc), i + 6) and not doc[end].is_punct and doc[end].pos_ not in ("VERB", "AUX", "ADP", "CCONJ"):
        end += 1
    words = doc[i:end]
    head = next((t for t in reversed(words) if t.lower_ in gaz.title_heads), None)
    if head is None:
        return None
    side = None
    first = i
    for k in range(i, head.i):
        found = _side_ending_at(doc, k, gaz)
        if found is not None:
            side, first = found[0], k + 1
    return Title(span_text(doc[first : head.i + 1])), side


def _title_before(ent: SpacySpan, gaz: Gazetteer) -> tuple[list[Title], str | None, str | None]:
    """Read "Chinese Foreign Ministry spokesperson" leftwards from the name.

    The walk crosses a hyphen inside a compound ("Secretary-General") and an
    "and" between two titles ("Iran's lead negotiator and Deputy Foreign
    Minister"), so each coordinated title is kept and the side that opens the
    whole phrase is found; it stops at the side: a country, demonym or known
    body, also as a possessive ("Mexico's", "the European Union's"). Returns
    the titles, the side, and a side the context before gives the person
    ("the group's leader", "a task force, led by"), weaker than any the
    person's own phrases give.
    """
    doc = ent.doc
    i = ent.start - 1
    # "the head of Mexico's trade unit, X" is a role; in "talks resume with the minister, X said" the name
    # opens a new clause
    new_clause = ent.end < len(doc) and doc[ent.end].pos_ in ("VERB", "AUX")
    if i >= 1 and doc[i].text == "," and new_clause:
        return [], None, None
    if i >= 1 and doc[i].text == "," and doc[i - 1].lower_ in gaz.title_heads:
        i -= 1  # "led by its board chair, Colin Averill"
    elif i >= 1 and doc[i].text == ",":
        role = _role_before_comma(doc, i, gaz)
        if role is not None:
            return [role[0]], role[1], None
    parts: list[list[int]] = [[]]  # token indices of each coordinated title, rightmost first
    country = None
    while i >= 0 and sum(map(len, parts)) < _MAX_TITLE_WORDS * 2:
        tok = doc[i]
        low = tok.lower_
        words = parts[-1]
        if low == "of" and words and _of_title(doc[words[0]], gaz) and i > 0 and doc[i - 1].lower_ in gaz.title_heads:
            words.insert(0, i)  # "Minister of Commerce Irena Sokol"
            i -= 1
            continue
        if tok.text in ("-", "–") and words and not tok.whitespace_ and i > 0 and not doc[i - 1].whitespace_:
            words.insert(0, i)  # "Secretary-General", "Vice-President"
            i -= 1
            continue
        if low in ("and", "&") and words and _portfolio_and(doc, i, gaz):
            words.insert(0, i)  # "Minister of Trade and Industry": one portfolio
            i -= 1
            continue
        if low in ("and", "&") and words and i > 0 and doc[i - 1].lower_ in gaz.title_heads and _heads(doc, words, gaz):
            parts.append([])  # "lead negotiator and Deputy Foreign Minister"
            i -= 1
            continue
        side = _side_ending_at(doc, i, gaz)
        if (
            side is not None
            and not words
            and side[1] > 1
            and doc[side[1] - 1].lower_ in _POSTING
            and doc[side[1] - 2].lower_ in gaz.title_heads
        ):
            parts[-1] = [*range(side[1] - 1, i + 1), *words]  # "ambassador to Venezuela": a posting, not the side
            i = side[1] - 2
            continue
        if side is not None and not words and _listed(doc, side[1], i):
            break  # "the foreign ministers of Russia and Armenia Sergei Lavrov": the list's last country
        if side is not None:
            country, i = side[0], side[1] - 1
            break
        if tok.ent_type_ == "PERSON" or tok.is_punct or tok.is_sent_start and not (tok.is_title or tok.is_upper):
            break
        if (
            low in gaz.title_heads
            or low in gaz.title_modifiers
            or low in gaz.organization_heads and tok.is_lower and words  # "EU commission chief", "army chief"
            or (tok.is_title and tok.pos_ in ("PROPN", "NOUN", "ADJ"))
            or (tok.is_upper and len(tok) >= 2 and tok.pos_ in ("PROPN", "NOUN"))  # "OPEC Governor"
        ):
            words.insert(0, i)
            i -= 1
            continue
        break
    if country is None and i >= 0 and doc[i].text in gaz.demonyms:
        country = gaz.demonyms[doc[i].text]
    opposite = any(doc[k].lower_ in _OPPOSITE for words in parts for k in words)
    if country is None and not opposite and any(parts) and i > 0 and doc[i].lower_ == "and" and doc[i - 1].ent_type_ == "PERSON":
        country = _shared_side(doc, i - 1, gaz)
    context = _side_of_context(doc, i, gaz) if country is None and i > 0 else None
    owner = _possessor(doc, i) if i >= 0 and doc[i].lower_ in ("its", "their") else None
    titles = [t for t in (_title_of(doc, words, gaz) for words in reversed(parts)) if t is not None]
    for title in titles if country is None else ():
        organization = title.organization or ""
        country = gaz.organizations.get(organization) or _country_in(_without_posting(f"{organization} {title.title}"), gaz)
        if country:
            break
    if owner is not None and titles and titles[-1].organization is None:
        name = _DETERMINER.sub("", span_text(owner))
        titles[-1] = Title(titles[-1].title, name)
        country = country or gaz.organizations.get(name) or _country_in(name, gaz)
    return titles, country, context


_ROLE_DETERMINERS = ("the", "a", "an", "its", "his", "her", "their", "'s", "’s")


def _role_before_comma(doc: Doc, comma: int, gaz: Gazetteer) -> tuple[Title, str | None] | None:
    """Read a role that precedes the name across a comma: "the head of Mexico's trade unit, Ana Ruiz".

    The role is a lower-case title head after a determiner or a possessive,
    with no verb or other punctuation between it and the comma; a possessive
    side before it ("Chile's ambassador to Peru, ...") or a country in the
    rest of the phrase gives the side.
    """
    start = max(doc[comma].sent.start, comma - 12)
    head = None
    for k in range(comma - 1, start, -1):
        tok = doc[k]
        if tok.pos_ in ("VERB", "AUX") or tok.ent_type_ == "PERSON" or tok.is_punct and tok.text not in ("-", "–"):
            break
        if tok.is_lower and tok.lower_ in gaz.title_heads and doc[k - 1].lower_ in _ROLE_DETERMINERS:
            head = k
    if head is None:
        return None
    first = head
    while first - 1 > start and doc[first - 1].is_lower and doc[first - 1].lower_ in gaz.title_modifiers:
        first -= 1  # "the chief negotiator"
    text = span_text(doc[first:comma])
    link = _organization_link(text, gaz)
    title = Title(text[: link.start()], text[link.end() :]) if link else Title(text)
    side = _side_ending_at(doc, first - 1, gaz) if doc[first - 1].text in ("'s", "’s") else None
    return title, side[0] if side else _country_in(text, gaz)


def _listed(doc: Doc, start: int, end: int) -> bool:
    """Return True when the side at `start`..`end` (no possessive) closes a list: "of Russia, Azerbaijan and Armenia"."""
    return start > 0 and doc[start - 1].lower_ in ("and", ",", "or") and doc[end].text not in ("'s", "’s", "'", "’")


def _portfolio_and(doc: Doc, i: int, gaz: Gazetteer) -> bool:
    """Return True when "and" at `i` joins two parts of one portfolio: "Secretary of Health and Human Services"."""
    k = i - 1
    while k > 0 and i - k <= 3 and doc[k].is_title:
        k -= 1
    return k < i - 1 and k > 0 and doc[k].lower_ == "of" and doc[k - 1].lower_ in gaz.title_heads


def _of_title(tok: Token, gaz: Gazetteer) -> bool:
    """Return True when `tok` may follow "of" inside a title: "Minister of Commerce", "chief of staff"."""
    return tok.text[:1].isupper() or tok.lower_ in gaz.title_modifiers


_TIME_WORDS = ("former", "acting", "interim", "outgoing", "incoming", "then", "new")  # "former President": still "President"
_OPPOSITE = ("counterpart", "counterparts")  # a title naming the other side: never shares or inherits one
_LEADS = ("lead", "head", "represent")  # "the task force, led by X", "the UN was represented by X"


def _side_of_context(doc: Doc, i: int, gaz: Gazetteer) -> str | None:
    """Return the side the words before a title give it, where the title walk stopped at `i`.

    "the group's top political leader" and "the bloc's chief": the side of
    the body "the group" refers to, the nearest one named before in this or
    the last sentence. "Hezbollah commanders including leader X": the side
    of the group X is counted in. "a task force, led by X" and "The UN was
    represented ... by X": the nearest side named before the verb.
    """
    tok = doc[i]
    sent = tok.sent
    if tok.text in ("'s", "’s", "’", "'") and doc[i - 1].pos_ == "NOUN" and doc[i - 1].is_lower:
        if any(doc[k].lower_ == "the" for k in range(max(0, i - 4), i - 1)):
            start = doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
            return _side_before(doc, i - 2, max(start, i - 80), gaz)
    if tok.lower_ in ("the", "a", "an") and doc[i - 1].lower_ in ("including", "among"):
        tok, i = doc[i - 1], i - 1  # "a team of ten, including the Agriculture Commissioner X"
    if tok.lower_ in ("including", "among"):
        return _side_before(doc, i - 1, sent.start, gaz)
    if tok.lower_ == "by" and tok.head.lemma_ in _LEADS and tok.head.i < i:
        return _side_of_agent(tok.head, gaz)
    return None


def _side_of_agent(verb: Token, gaz: Gazetteer) -> str | None:
    """Return the side of what a person leads or represents: "The UN was represented by X" (the
    passive subject), "the Iranian delegation, led by X" (inside the noun phrase), "South Korea will
    launch a task force, led by X" (the subject of the clause the noun phrase is the object of)."""
    doc = verb.doc
    if verb.dep_ != "acl":
        subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
        return _side_of_phrase(subjects[0], gaz) if subjects else None
    noun = verb.head
    side = _side_before(doc, noun.i, noun.left_edge.i, gaz)
    if side is None and noun.dep_ == "dobj":
        subjects = [c for c in noun.head.children if c.dep_ == "nsubj"]
        side = _side_of_phrase(subjects[0], gaz) if subjects else None
    return side


def _side_of_phrase(head: Token, gaz: Gazetteer) -> str | None:
    """Return the side a subject is when it names one itself ("South Korea", "the UN"), not a person's."""
    if head.ent_type_ == "PERSON":
        return None
    return _side_before(head.doc, head.i, head.left_edge.i, gaz)


def _side_before(doc: Doc, i: int, start: int, gaz: Gazetteer) -> str | None:
    """Return the nearest side (country, demonym or body with a side) named at or before token `i`."""
    for k in range(i, start - 1, -1):
        side = _side_ending_at(doc, k, gaz, bodies=True)
        if side is not None:
            return side[0]
    return None


def _shared_side(doc: Doc, last: int, gaz: Gazetteer) -> str | None:
    """Return the side of the titled person ending at `last`, which a coordinated title without one shares.

    "Saudi Foreign Minister Faisal bin Farhan and national security adviser
    Musaed al Alban": the demonym of the first conjunct covers the second.
    """
    start = last
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    titles, country, _ = _title_before(doc[start : last + 1], gaz)
    return country if titles else None


def _heads(doc: Doc, indices: list[int], gaz: Gazetteer) -> list[int]:
    """Return the positions in `indices` whose word (hyphen compounds joined) is a title head."""
    return [n for n, w in enumerate(_words(doc, indices)) if w.lower() in gaz.title_heads]


def _words(doc: Doc, indices: list[int]) -> list[str]:
    """Join title tokens into words, a hyphen compound ("Under-Secretary") being one word."""
    words: list[str] = []
    glued = False
    for i in indices:
        if glued and words:
            words[-1] += doc[i].text
        else:
            words.append(doc[i].text)
        glued = not doc[i].whitespace_ and (doc[i].text in ("-", "–") or i + 1 < len(doc) and doc[i + 1].text in ("-", "–"))
    return words


def _title_of(doc: Doc, indices: list[int], gaz: Gazetteer) -> Title | None:
    """Return the title the tokens make, cut after its last head word; None without a head ("Geneva talks")."""
    words = _words(doc, indices)
    heads = [n for n, w in enumerate(words) if w.lower() in gaz.title_heads]
    if not heads:
        return None
    last = heads[-1]
    if not (last + 1 < len(words) and words[last + 1] in ("of", *_POSTING)):
        words = words[: last + 1]
    return _split_organization(" ".join(words), gaz)


def _side_ending_at(doc: Doc, i: int, gaz: Gazetteer, bodies: bool = False) -> tuple[str, int] | None:
    """Return the side named by the words ending at token `i`, and where they start.

    "Iranian", "South Korean", "the European Union's", "Mexico's": a country
    name or demonym, or the possessive of a body the gazetteer gives a side. A
    body named without "'s" stays in the title ("United Nations Secretary-General",
    "Foreign Ministry spokesperson"), which gives the side if nothing else does;
    a capital is a place here, not a side ("Geneva talks"). With `bodies`, a
    body is a side also without "'s" ("Hezbollah commanders").
    """
    possessive = doc[i].text in ("'s", "’s", "'", "’") and i > 0
    if possessive:
        i -= 1
    tok = doc[i]
    start = i
    if tok.ent_iob_ in ("B", "I") and tok.ent_type_ in ("GPE", "ORG", "NORP", "LOC"):
        while start > 0 and doc[start].ent_iob_ == "I":
            start -= 1
        if doc[start].lower_ == "the":
            start += 1
    for first in sorted({start, max(i - 1, 0), i}):
        text = doc[first : i + 1].text
        if text in gaz.capitals:
            continue
        code = gaz.country_names.get(text) or gaz.demonyms.get(text) or ((possessive or bodies) and gaz.organizations.get(text))
        if code:
            return code, first
    return None


def _possessor(doc: Doc, i: int) -> SpacySpan | None:
    """Return the organization "its" refers to: the nearest one before it in the sentence.

    "a delegation of the Ostrevia-Valdoria Business Council led by its board chair"
    """
    sent_start = doc[i].sent.start
    orgs = [e for e in doc_ents(doc) if e.label_ == "ORG" and sent_start <= e.start and e.end <= i]
    return orgs[-1] if orgs else None


def _split_organization(text: str, gaz: Gazetteer) -> Title:
    """Split "Foreign Ministry spokesperson" into title and organization at an organization word."""
    words = text.split()
    for n in range(len(words) - 1, 1, -1):  # a one-word "Treasury Secretary" stays whole
        if words[n - 1].lower() in gaz.organization_heads:
            if words[n].lower() in ("chief", "head") and (n + 1 == len(words) or words[n + 1] in _POSTING):
                break  # "IMF Mission Chief": the head of the body is the whole title
            return Title(" ".join(words[n:]), " ".join(words[:n]))
    return Title(text)


def _titles_after(ent: SpacySpan, gaz: Gazetteer) -> list[Title]:
    """Read an apposition after the name: ", a senior research fellow at the ... Academy ...,"."""
    doc = ent.doc
    end = ent.end
    if end < len(doc) and doc[end].text == "(":  # "Martin Griffiths (centre), the UN special envoy"
        end = next((t.i + 1 for t in doc[end : end + 8] if t.text == ")"), end)
    if end >= len(doc) or doc[end].text != ",":
        return []
    if end > ent.end:
        ent = doc[ent.start : end]
    appos = [c for t in ent for c in t.children if c.dep_ == "appos" and c.i >= ent.end]
    window = doc[ent.end + 1 : min(ent.end + 40, doc[ent.end].sent.end)]
    phrase_end = next((t.i for t in window if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", "(")), window.end)
    if doc[ent.end + 1].lower_ in ("and", "or"):
        return []  # "X, and the rebel commander, Y": a second person, not an apposition
    if phrase_end + 1 < len(doc) and doc[phrase_end].text == "," and doc[phrase_end + 1].ent_iob_ == "B" and doc[phrase_end + 1].ent_type_ == "PERSON":
        return []  # "..., the rebel commander, Y": the role names the person after it
    if any(t.ent_type_ == "PERSON" for t in doc[ent.end + 1 : phrase_end]):
        # "..., Foreign Ministry spokesperson Jonas Tamm announced": another person's title; but in
        # "Jorge Alba, head of the delegation, and his counterpart, Ana Ruiz, signed" the role is Alba's
        return []
    if appos:
        head = appos[0]
        tokens = [t for t in head.subtree if t.i >= ent.end + 1]
        # stop at a verb or a closing comma before a verb: keep the noun phrase only
        end = ent.end + 1
        for t in tokens:
            if t.pos_ in ("VERB", "AUX") or t.text in (";", "(", "—") or t.ent_type_ == "PERSON":
                break  # "..., head of the delegation, and his counterpart, Ana Ruiz": Ruiz has her own
            end = t.i + 1
        end = _extend_with_organization(doc, end)
        text = span_text(doc[ent.end + 1 : end])
    else:
        bound = min(ent.end + 40, doc[ent.end].sent.end)
        stop = next((t.i for t in doc[ent.end + 1 : bound] if t.text in (",", ";", "(") or t.pos_ in ("VERB", "AUX")), bound)
        text = span_text(doc[ent.end + 1 : stop]).rstrip(" .!?")
    text = _DETERMINER.sub("", text.strip(" ,"))
    if not text:
        return []
    titles = []
    for part in gaz.title_splitter().split(text):
        part = _DETERMINER.sub("", _ADVERB.sub("", part.strip()))
        if not part:
            continue
        link = _organization_link(part, gaz)
        title, org = (part[: link.start()], part[link.end() :]) if link else (part, None)
        side = re.match(r"([A-Z][\w.]*)(?:'s|’s)?\s+(?=\w)", title)
        if side and (gaz.country_of(side.group(1)) or gaz.organizations.get(side.group(1))):
            title = title[side.end() :]  # the side is kept as the person's country, not in the title
        if any(w.lower() in gaz.title_heads for w in re.findall(r"[\w-]+", title)):
            titles.append(Title(title.strip(), org.strip() if org else None))
        elif titles and titles[-1].organization and part[:1].isupper():
            # ", School of International Studies at the Renmin University of China": more of the
            # last organization
            last = titles[-1]
            titles[-1] = Title(last.title, f"{last.organization}, {part}")
    return titles


def _organization_link(text: str, gaz: Gazetteer) -> re.Match[str] | None:
    """Return the first link that opens the employer in a role: "at the Renmin University", "of WHO".

    "of" before a portfolio is part of the title ("Minister of State for
    Foreign Trade", "professor of International Politics at ..."): it is
    passed over for a later link.
    """
    links = list(_ORG_LINK.finditer(text))
    for n, link in enumerate(links):
        segment_end = links[n + 1].start() if n + 1 < len(links) else len(text)
        if link.group().split()[0] != "of" or _names_body(text[link.end() : segment_end], gaz):
            return link
    return None


def _names_body(text: str, gaz: Gazetteer) -> bool:
    """Return True when `text` after "of" names a body ("the Renmin University of China", "WHO"), not a portfolio."""
    words = text.split()
    return (
        bool(words) and words[-1].lower().strip(",.") in gaz.organization_heads  # a body's name ends in its head
        or text in gaz.organizations
        or gaz.outlet(text) is not None
        or _country_in(text, gaz) is not None
    )


def _extend_with_organization(doc: Doc, end: int) -> int:
    """Extend an apposition over "at the Renmin University of China" that the parse hung elsewhere."""
    while end < len(doc) and doc[end].lower_ in ("at", "of", "with", "for", "from"):
        nxt = end + 1 + (end + 1 < len(doc) and doc[end + 1].lower_ == "the")
        ent = next((e for e in doc_ents(doc) if e.start in (end + 1, nxt) and e.label_ in ("ORG", "GPE")), None)
        if ent is None:
            break
        end = ent.end
    return end


def _appositive_text(ent: SpacySpan) -> str:
    """Return the words after a name up to the first verb, within its sentence."""
    doc = ent.doc
    end = min(ent.end + 40, ent.sent.end)
    stop = next((t.i for t in doc[ent.end + 1 : end] if t.pos_ in ("VERB", "AUX") or t.text == ";"), end)
    return span_text(doc[ent.end : stop])


_UN_ACRONYM = re.compile(r"UN[A-Z]{2,}")
# a known body's name that goes on is another body's: "the European Council on Foreign Relations"
_NAME_GOES_ON = re.compile(r"\s+(?:on|of|for|and)\s+[A-Z]")
# a capital standing for its government before one of these nouns
_METONYM_NOUN = re.compile(r"\s+(?:delegation|government|regime|authorities|administration|negotiators|team)\b")
_POSTING_PHRASE = re.compile(r"\s+(?:(?:to|in)\s+(?:the\s+)?|for\s+)(?=[A-Z])")  # "for the X" is the employer


def _without_posting(text: str) -> str:
    """Cut "ambassador to Venezuela", "head of the UN mission in Libya" before the place of the post.

    The country a post is in is not the side of the person holding it.
    """
    return _POSTING_PHRASE.split(text, maxsplit=1)[0]


def _country_in(text: str, gaz: Gazetteer) -> str | None:
    """Return the first country a name or demonym inside `text` points to ("Renmin University of China")."""
    text = re.sub(r"(?:'s|’s)\b", "", text)
    # each capitalized word with the one after it, then alone: "Deputy United States Trade Representative"
    for match in re.finditer(r"\b(?=([A-Z][\w.'’]*(?:\s+[A-Z][\w.'’]*)?))", text):
        phrase = match.group(1)
        for candidate in (phrase, phrase.split()[0]):
            whole = not _NAME_GOES_ON.match(text, match.start() + len(candidate))
            code = gaz.country_names.get(candidate) or gaz.demonyms.get(candidate) or (whole and gaz.organizations.get(candidate))
            if code:
                return code
            if _UN_ACRONYM.fullmatch(candidate):
                return "UN"  # "UNSMIL", "UNAMA", "UNRWA": the UN's missions and agencies
            if candidate in gaz.capitals and _METONYM_NOUN.match(text, match.start() + len(candidate)):
                return gaz.capitals[candidate]  # "the Caracas delegation", "the Kyiv government"
        for piece in re.split(r"[-–]", phrase.split()[0]):  # "US-China Business Council"
            code = gaz.country_names.get(piece)
            if code:
                return code
    return None


def _country_of_phrase(ent: SpacySpan, gaz: Gazetteer) -> str | None:
    """Return the side given by "of South Korea" right after the name."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of":
        for other in doc_ents(doc):
            if other.start == ent.end + 1:
                return gaz.country_names.get(_DETERMINER.sub("", span_text(other)))
    return None
