"""`talktrack_person_names`: make person entities consistent within a document.

Reads: doc.ents, token.pos_. Writes: doc.ents.

Corrections a newsroom expects from a name tagger:
- a bare surname that repeats a full name ("Bessent" after "Scott Bessent",
  "Wang" after "Wang Wentao") is that person, whatever label the tagger gave;
- title words inside a person span ("President Xi Jinping") are not the name;
- "the Meridian Post", "Harbor Wire" are not people: a determiner before the
  name, or a last word that heads outlet or organization names, says so;
- a country or capital is not a person, nor a name before "region" or after
  "in" at a clause end ("the Tigray and Amhara regions"), a photo credit
  ("Saul Loeb/AFP"), a span with no capital or an ordinal word;
- a name runs over glued hyphen parts ("Mlambo-Ngcuka", "Duck-soo") and
  lower-case particles ("von der Leyen"), without honorifics ("H.E. Dr",
  "Mullah") or a country closing the phrase before it ("ambassador to
  Venezuela Armando Benedetti");
- "X, alias Y": Y is a person; a surname spelt one letter off a full name of
  the document is a person.
A pronoun is never made a person here ("He said" may mean He Lifeng, but
telling that apart is the statements layer's job).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from talktrack.gazetteer import Gazetteer, load_gazetteer
from talktrack.nlp.views import doc_text
from talktrack.spelling import misspelt

_WORD = re.compile(r"\w")
ALIAS_CUES = (("alias",), ("known", "as"), ("a.k.a.",), ("aka",))  # "X, alias Y": Y is another name of X
_LIST_LINKS = {"and", "or", ",", "to", "of", "in", "from", "for", "with"}  # what ends a phrase before a name
_NOT_NAMES = {"he", "she", "it", "we", "they", "i", "you", "his", "her", "their", "our", "mr", "ms", "mrs", "dr"}


class PersonNames:
    """Relabel and trim person entities so every mention of one name agrees."""

    def __init__(self, gazetteers: Iterable[str]) -> None:
        self.gaz: Gazetteer = load_gazetteer(tuple(Path(p) for p in gazetteers))

    def __call__(self, doc: Doc) -> Doc:
        tokens = list(doc)  # spaCy makes a new Token object at each doc[i]: these walks make each once
        ents = [e for e in (self._fix(doc, ent) for ent in doc.ents) if e is not None]
        titled = [self._extent(doc, e) for e in self._after_titles(doc, tokens, ents)]
        named = {(e.start, e.end) for e in titled}
        ends = {e.end for e in titled}
        # a titled name overrides the tagger's other label for the same words ("Martín Ezequiel Sosa" as ORG),
        # also where the tagger ran the title's portfolio into it ("Trade and Industry Vidal Llerenas" as ORG)
        ents = filter_spans(
            titled + [e for e in ents if (e.start, e.end) not in named and (e.label_ != "ORG" or e.end not in ends)]
        )
        full_names = {tuple(t.text for t in e) for e in ents if e.label_ == "PERSON" and len(e) >= 2}
        ents = filter_spans(self._full_name_occurrences(doc, full_names) + ents)
        name_tokens = {tok for name in full_names for tok in name if tok.lower() not in _NOT_NAMES}
        ents = [self._surname(doc, e, name_tokens) for e in ents]
        ents += self._untagged(doc, tokens, ents, name_tokens)
        ents = [e for e in ents if not self._stray_word(e, name_tokens)]
        ents = [self._extent(doc, e) if e.label_ == "PERSON" else e for e in ents]
        ents = [self._alias(doc, e) for e in ents]
        ents = [e for e in ents if e.label_ != "PERSON" or not self._not_a_name(e)]
        doc.ents = filter_spans(ents)
        return doc

    def _extent(self, doc: Doc, ent: Span) -> Span:
        """Extend a person span over what orthography says belongs to the name.

        The tagger cuts names at a hyphen ("Phumzile Mlambo" of Mlambo-Ngcuka,
        "Han Duck" of Han Duck-soo) and at lower-case particles ("Ursula von"
        of Ursula von der Leyen), and glues on a country that ends the phrase
        before it ("ambassador to Venezuela Armando Benedetti", "the ministers
        of Russia, Azerbaijan and Armenia Sergei Lavrov").
        """
        start, end = ent.start, ent.end
        while end > start + 1 and self._particle(doc[end - 1]):
            end -= 1
        while end < len(doc):
            nxt = self._hyphen_part(doc, end) or self._particles_then_name(doc, end)
            if nxt is None:
                break
            end = nxt
        if (
            end - start >= 3
            and start > 0
            and doc[start - 1].lower_ in _LIST_LINKS
            and doc[start].text in self.gaz.country_names
        ):
            start += 1
        if (start, end) == (ent.start, ent.end):
            return ent
        return Span(doc, start, end, label="PERSON")

    @staticmethod
    def _alias(doc: Doc, ent: Span) -> Span:
        """Return "Pablo Beltrán" in "Israel Ramírez, alias Pablo Beltrán," as a person, whatever the tagger said."""
        if ent.label_ == "PERSON" or not all(t.is_title for t in ent):
            return ent
        for cue in ALIAS_CUES:
            first = ent.start - len(cue)
            if (
                first >= 2
                and tuple(t.lower_ for t in doc[first : ent.start]) == cue
                and doc[first - 1].text == ","
                and doc[first - 2].ent_type_ == "PERSON"
            ):
                return Span(doc, ent.start, ent.end, label="PERSON")
        return ent

    def _particle(self, token: Token) -> bool:
        return token.is_lower and token.lower_ in self.gaz.name_particles

    @staticmethod
    def _hyphen_part(doc: Doc, end: int) -> int | None:
        """Return the new end when a hyphen glued to the name joins another part: "Duck-soo", "Mlambo-Ngcuka".

        "the Trump-Kim summit" stays two people: a compound used as a modifier is followed by a common noun.
        """
        if end + 1 >= len(doc) or doc[end].text not in ("-", "‐") or doc[end - 1].whitespace_ or doc[end].whitespace_:
            return None
        part = doc[end + 1]
        if not part.is_alpha or part.ent_type_ in ("GPE", "NORP") or not (part.is_title or part.is_lower):
            return None  # "Putin-RibbenTRUMP": a coinage, not a name part
        after = doc[end + 2] if end + 2 < len(doc) else None
        if after is not None and after.is_lower and after.pos_ == "NOUN":
            return None
        return end + 2

    def _particles_then_name(self, doc: Doc, end: int) -> int | None:
        """Return the new end when lower-case particles and a capitalized word follow: "von der Leyen"."""
        j = end
        while j < len(doc) and j - end < 3 and self._particle(doc[j]):
            j += 1
        if j == end or j >= len(doc) or not doc[j].is_title or doc[j].pos_ != "PROPN":
            return None
        return j + 1

    def _full_name_occurrences(self, doc: Doc, full_names: set[tuple[str, ...]]) -> list[Span]:
        """Return every occurrence of a full name found elsewhere in the document.

        In "Vice Premier Petra Will speaks ..." the tagger may stop at "Petra",
        reading "Will" as the modal; the name seen elsewhere settles it.
        """
        found = []
        text = doc_text(doc)
        for name in full_names:
            pattern = re.compile(r"\s+".join(re.escape(part) for part in name) + r"(?!\w)")
            for start, end in _word_matches(pattern, text):  # searching the text is far cheaper than walking tokens
                span = doc.char_span(start, end)
                if span is not None:
                    found.append(Span(doc, span.start, span.end, label="PERSON"))
        return found

    def _after_titles(self, doc: Doc, tokens: list[Token], ents: list[Span]) -> list[Span]:
        """Return names the tagger missed right after a title: "Minister of Commerce Irena Sokol"."""
        people = {i for e in ents if e.label_ == "PERSON" for i in range(e.start, e.end)}
        capitalized = [t.pos_ == "PROPN" and t.is_title for t in tokens]
        found: list[Span] = []
        i = 0
        while i < len(tokens):
            start = i
            while i < len(tokens) and capitalized[i] and i not in people:
                i += 1
            if i - start >= 2:
                first = start
                while first < i and self._is_title_word(tokens[first].text):
                    first += 1
                titled = self._title_before(tokens, first) or self._titled_apposition(tokens, first, i)
                name = " ".join(t.text for t in tokens[first:i])
                known = (
                    self.gaz.outlet(name) is not None
                    or self.gaz.country_of(name) is not None  # "ambassador to the United States"
                    or name in self.gaz.organizations  # "per a Harbor Wire report"
                    or tokens[i - 1].lower_ in self.gaz.organization_heads  # "the rebels' Higher Revolutionary Committee"
                )
                # "Unit of Productive Development", "editor for the Cook Political Report": a portfolio or a body
                portfolio = first == start and start > 0 and tokens[start - 1].lower_ in ("of", "for", "the", "a", "an")
                place = tokens[first].ent_type_ in ("GPE", "LOC", "FAC", "NORP")  # "in New Jersey"
                if i - first >= 2 and titled and not known and not portfolio and not place:
                    if not any(self.gaz.country_of(t.text) or self.gaz.outlet(t.text) for t in tokens[first:i]):
                        found.append(Span(doc, first, i, label="PERSON"))
            i = max(i, start + 1)
        return found

    def _title_before(self, tokens: list[Token], first: int) -> bool:
        """Return True when a title head stands in the few words before `first` with no verb, name or
        punctuation between: "Minister Irena Sokol", "Undersecretary of Trade and Industry Vidal Llerenas"."""
        for tok in reversed(tokens[max(0, first - 6) : first]):
            if tok.lower_ in self.gaz.title_heads:
                return True
            if tok.pos_ in ("VERB", "AUX") or tok.ent_type_ == "PERSON" or tok.is_punct:
                return False
            if tok.pos_ == "ADP" and tok.lower_ not in ("of", "for"):
                return False  # "professor at Seton Hall University in New Jersey": the title is not this name's
        return False

    def _titled_apposition(self, tokens: list[Token], first: int, end: int) -> bool:
        """Return True when a role in apposition names the run a person: "Matthias Oberländer, president of ...",
        "Argentina's chief negotiator, Martín Ezequiel Sosa, told ..."."""
        if any(t.lower_ in self.gaz.organization_heads for t in tokens[first:end]):
            return False
        after = tokens[end + 1 : end + 5] if end < len(tokens) and tokens[end].text == "," else []
        before = tokens[max(0, first - 4) : first - 1] if first > 0 and tokens[first - 1].text == "," else []
        role = [t for t in (*after, *before) if t.lower_ in self.gaz.title_heads and not t.is_title]
        return bool(role) and all(t.pos_ not in ("VERB", "AUX") for t in after[: after.index(role[0]) if role[0] in after else 0])

    def _stray_word(self, ent: Span, name_tokens: set[str]) -> bool:
        """A lone capitalized word opening a sentence or headline ("Frank talks, firm positions")
        is no evidence of a person unless the document also names someone so."""
        if ent.label_ != "PERSON" or len(ent) != 1 or ent.text in name_tokens:
            return False
        opening = ent.doc[ent.sent.start : ent.start]
        return all(t.is_punct or t.is_space for t in opening)

    def _fix(self, doc: Doc, ent: Span) -> Span | None:
        if ent.label_ != "PERSON":
            return ent
        start, end = ent.start, ent.end
        while start < end and self._is_title_word(doc[start].text):
            start += 1
        while end > start and doc[end - 1].text in ("'s", "’s", "'", "’", "-", ",", "(", "—"):
            end -= 1
        if end - start >= 3 and re.fullmatch(r"[A-Z]\.", doc[end - 1].text):
            end -= 1  # "Marcelo Ebrard C.": a second surname's initial closing a signature
        if start == end:
            return None
        span = Span(doc, start, end, label="PERSON")
        text = span.text
        if self._not_a_name(span):
            return None
        if self.gaz.country_of(text) or self._place(doc, start, end):
            return Span(doc, start, end, label="GPE")
        last = span[-1].text.lower()
        before = doc[start - 1].lower_ if start > 0 else ""
        if (
            last in self.gaz.outlet_heads
            or last in self.gaz.organization_heads
            or before in ("the", "a", "an")
            or self.gaz.outlet(text) is not None
        ):
            return Span(doc, start, end, label="ORG")
        return span

    def _not_a_name(self, span: Span) -> bool:
        """Return True for words no personal name is made of.

        "un" of a split "Jong-un" (no capital), "Saul Loeb/AFP" (a photo
        credit), "Thirteenth Ministerial Conference" (an ordinal word). The
        tagger's plural proper noun is no evidence: it tags "Guterres" so.
        """
        text = span.text
        return not any(c.isupper() for c in text) or self._credit(text) or any(t.is_alpha and t.like_num for t in span)

    def _credit(self, text: str) -> bool:
        """Return True for a photo credit: a name joined by "/" to an agency ("Saul Loeb/AFP")."""
        if "/" not in text:
            return False
        after = text.rsplit("/", 1)[1].strip()
        return bool(after) and (self.gaz.outlet(after) is not None or after.isupper())

    def _place(self, doc: Doc, start: int, end: int) -> bool:
        """Return True for a place the tagger took for a person: before "region" or "province", also
        through a coordination ("the Tigray and Amhara regions"), or one word after "in" ("in Tigray.")."""
        k = end
        if k + 1 < len(doc) and doc[k].lower_ == "and" and doc[k + 1].is_title:
            k += 2  # "Tigray and Amhara regions"
        if k < len(doc) and doc[k].is_lower and doc[k].lower_ in self.gaz.place_heads:
            return True
        return (
            end - start == 1
            and start > 0
            and doc[start - 1].lower_ == "in"
            and (end == len(doc) or doc[end].is_punct and doc[end].text not in ("'s", "’s"))
        )

    def _is_title_word(self, word: str) -> bool:
        low = word.lower()
        return (
            low in self.gaz.title_heads
            or low in self.gaz.title_modifiers
            or low in self.gaz.honorifics
            or word in self.gaz.demonyms
        )

    def _surname(self, doc: Doc, ent: Span, name_tokens: set[str]) -> Span:
        if ent.label_ == "PERSON" or len(ent) != 1 or ent.text not in name_tokens:
            return ent
        if self.gaz.country_of(ent.text) or self.gaz.outlet(ent.text) or ent.text in self.gaz.organizations:
            return ent
        return Span(doc, ent.start, ent.end, label="PERSON")

    def _untagged(self, doc: Doc, tokens: list[Token], ents: list[Span], name_tokens: set[str]) -> list[Span]:
        covered = {i for e in ents for i in range(e.start, e.end)}
        surnames: dict[str, set[str]] = {}  # by initial: a token is compared with few surnames
        for e in ents:
            if e.label_ == "PERSON" and len(e) >= 2:
                surnames.setdefault(e[-1].text[:1], set()).add(e[-1].text)
        found = []
        for i, token in enumerate(tokens):
            if i in covered or token.lower_ in _NOT_NAMES:
                continue
            if (
                token.text in name_tokens
                and token.pos_ == "PROPN"
                or token.tag_ == "MD"
                and self._modal_name(tokens, i)
                or token.pos_ == "PROPN"
                and token.is_title
                and any(misspelt(token.text, s) for s in surnames.get(token.text[:1], ()))
            ):
                found.append(Span(doc, i, i + 1, label="PERSON"))
        return found

    @staticmethod
    def _modal_name(tokens: list[Token], i: int) -> bool:
        """A modal cannot govern a past tense: "Will told reporters" names Petra Will."""
        return tokens[i].is_title and i + 1 < len(tokens) and tokens[i + 1].tag_ in ("VBD", "VBZ", "VBN")


def _word_matches(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    r"""Yield the (start, end) of each match of `pattern` in `text` that does not start inside a word.

    What `(?<!\w)` before the pattern would find; but a pattern that opens with a look-behind is
    tried at every position of the text, one that opens with a name's first word only where it occurs.
    """
    at = 0
    while (m := pattern.search(text, at)) is not None:
        if m.start() > 0 and _WORD.match(text, m.start() - 1):
            at = m.start() + 1
            continue
        yield m.start(), m.end()
        at = m.end()


@Language.factory("talktrack_person_names", default_config={"gazetteers": []})
def make_person_names(nlp: Language, name: str, gazetteers: list[str]) -> PersonNames:
    """Return the person-names component; `gazetteers` are extra YAML files beside the bundled data."""
    return PersonNames(gazetteers)
