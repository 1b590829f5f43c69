"""Titles after a name: an apposition (", a senior research fellow at ...,") and the employer it links."""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span as SpacySpan

from talktrack.extract.entities.sides import country_in
from talktrack.gazetteer import Gazetteer
from talktrack.model import Title
from talktrack.nlp.views import doc_ents, span_text


DETERMINER = re.compile(r"^(?:the|The|a|an|An|A)\s+")
# "spokesperson for the Foreign Ministry" names the employer; "for" without "the" opens a portfolio, part
# of the title: "Under-Secretary for Political Affairs", "special envoy for Yemen"
_ORG_LINK = re.compile(r"\s+(?:(?:at|with|of|from)\s+(?:the\s+)?|for\s+the\s+)(?=[A-Z])")
_ADVERB = re.compile(r"^(?:also|now|currently|then|formerly|previously|and|as)\s+")


def titles_after(ent: SpacySpan, gaz: Gazetteer) -> list[Title]:
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
    text = DETERMINER.sub("", text.strip(" ,"))
    if not text:
        return []
    titles = []
    for part in gaz.title_splitter().split(text):
        part = DETERMINER.sub("", _ADVERB.sub("", part.strip()))
        if not part:
            continue
        link = organization_link(part, gaz)
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


def organization_link(text: str, gaz: Gazetteer) -> re.Match[str] | None:
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
        or country_in(text, gaz) is not None
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


def appositive_text(ent: SpacySpan) -> str:
    """Return the words after a name up to the first verb, within its sentence."""
    doc = ent.doc
    end = min(ent.end + 40, ent.sent.end)
    stop = next((t.i for t in doc[ent.end + 1 : end] if t.pos_ in ("VERB", "AUX") or t.text == ";"), end)
    return span_text(doc[ent.end : stop])
