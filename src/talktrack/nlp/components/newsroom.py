"""`talktrack_newsroom`: outlets, agencies and known organizations become ORG entities; capitals become GPE.

Reads: doc.ents (after "ner"). Writes: doc.ents.

The statistical tagger calls "Xinhua" a person and reads "Photo: Xinhua China,
US delegations ..." as the person "Xinhua China". Names listed in the
gazetteer (outlets, agencies, organizations) are matched with a
PhraseMatcher and win over the tagger's overlapping guesses, except where the
tagger found a longer person name that merely ends with one ("Michael
Bloomberg").
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from talktrack.gazetteer import load_gazetteer


_MISREAD_PLACE = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "NORP"}  # labels a capital's name gets by mistake


class Newsroom:
    """Mark gazetteer outlets and organizations as ORG, correcting the tagger."""

    def __init__(self, nlp: Language, gazetteers: Iterable[str]) -> None:
        gaz = load_gazetteer(tuple(Path(p) for p in gazetteers))
        self.gaz = gaz
        self.matcher = PhraseMatcher(nlp.vocab)
        names = sorted(set(gaz.outlets) | set(gaz.organizations))
        self.matcher.add("ORG", [nlp.make_doc(name) for name in names])
        self.capitals = PhraseMatcher(nlp.vocab)  # case-sensitive: "Lima", not "lima beans"
        self.capitals.add("GPE", [nlp.make_doc(name) for name in sorted(gaz.capitals)])

    def __call__(self, doc: Doc) -> Doc:
        doc = self._places(doc)
        matches = filter_spans(Span(doc, s, e, label="ORG") for _, s, e in self.matcher(doc))
        if not matches:
            return doc
        ents = list(doc.ents)
        for match in matches:
            ents = self._apply(doc, ents, match)
        doc.ents = filter_spans(ents)
        return doc

    def _places(self, doc: Doc) -> Doc:
        """Mark gazetteer capitals the tagger missed or called a product or work ("Montevideo" as PRODUCT) as GPE.

        A longer entity that contains one ("Santiago Pena", "the Lima Group") is left as it is.
        """
        matches = [Span(doc, s, e, label="GPE") for _, s, e in self.capitals(doc)]
        if not matches:
            return doc
        ents = list(doc.ents)
        changed = False
        for match in matches:
            overlapping = [e for e in ents if e.start < match.end and match.start < e.end]
            if not overlapping:
                ents.append(match)
                changed = True
            elif len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (match.start, match.end):
                if overlapping[0].label_ in _MISREAD_PLACE:
                    ents[ents.index(overlapping[0])] = match
                    changed = True
        if changed:
            doc.ents = filter_spans(ents)
        return doc

    def _apply(self, doc: Doc, ents: list[Span], match: Span) -> list[Span]:
        kept: list[Span] = []
        for ent in ents:
            if ent.end <= match.start or ent.start >= match.end:
                kept.append(ent)
            elif ent.label_ == "ORG" and ent.start <= match.start and ent.end >= match.end:
                return ents  # "the Xinhua News Agency" already covers it
            elif ent.label_ == "PERSON" and ent.start < match.start:
                return ents  # "Michael Bloomberg": a person whose name ends like an outlet
            elif ent.end > match.end:
                # "Xinhua China": keep what follows the outlet if it is a name of its own
                rest = doc[match.end : ent.end]
                code = self.gaz.country_names.get(rest.text)
                if code:
                    kept.append(Span(doc, match.end, ent.end, label="GPE"))
        kept.append(match)
        return kept


@Language.factory("talktrack_newsroom", default_config={"gazetteers": []})
def make_newsroom(nlp: Language, name: str, gazetteers: list[str]) -> Newsroom:
    """Return the newsroom component; `gazetteers` are extra YAML files beside the bundled data."""
    return Newsroom(nlp, gazetteers)
