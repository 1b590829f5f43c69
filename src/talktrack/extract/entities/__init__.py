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

`find_mentions` reads each mention with its own sentence (`titles`,
`appositions`, `sides`), then completes the people from the rest of the
document (`people`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span as SpacySpan

from talktrack.extract.entities.appositions import DETERMINER
from talktrack.extract.entities.people import document_people
from talktrack.extract.entities.sides import organization_name
from talktrack.extract.entities.titles import person_titles
from talktrack.extract.event_words import event_words
from talktrack.extract.registry import extractor
from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.model import Document, EntityType, Layers, Mention
from talktrack.nlp.views import doc_ents, span_text
from talktrack.settings import Settings


_LABELS: dict[str, EntityType] = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place"}


@extractor("entities")
def find_mentions(document: Document, doc: Doc, settings: Settings, _layers: Layers) -> Iterator[Mention]:
    """Yield a Mention for every person, organization, place and country in `doc`, in text order."""
    gaz = load_gazetteer(tuple(settings.gazetteers))
    mentions = list(_mentions(document, doc, gaz))
    yield from document_people(doc, mentions, gaz)


def _mentions(document: Document, doc: Doc, gaz: Gazetteer) -> Iterator[Mention]:
    """Yield each entity's mention with what its own sentence says about it."""
    for ent in doc_ents(doc):
        kind = _LABELS.get(ent.label_)
        if kind is None:
            continue
        text = span_text(ent)
        name = DETERMINER.sub("", text).strip(" ,.;:'’\"-–")  # "alias Antonio García- was": a dash glued on
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
