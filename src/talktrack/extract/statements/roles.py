"""Descriptions that refer back to someone named: "the high representative", "the alliance", "the Ministers"."""

from __future__ import annotations

import re
from typing import Any

from spacy.tokens import Doc, Token

from talktrack.extract.attribution import Cues, Speaker
from talktrack.nlp.views import char_span, doc_text


_NOT_PERSONAL = frozenset(
    {"side", "government", "ministry", "group", "party", "delegation", "statement", "office", "country", "organization",
     "alliance", "bloc", "team", "administration", "agency", "embassy", "document", "report", "source", "people"}
)  # heads of descriptions that name a body or a text, not one person
_INDEFINITE = frozenset({"a", "an", "one", "some", "another", "any", "many", "several", "two", "three"})


class Roles:
    """What the document says each named person is, to resolve a description that refers back to one.

    "the high representative noted ...", "the former Nigerian leader said ...",
    "IMF Mission Chief ... was cited": a definite description or a bare title
    names someone the article has introduced with those words ("AU High
    Representative ..., former Nigerian President Olusegun Obasanjo"). Each
    person mention's role words are the titles the entities layer found plus
    the words the parse ties to the name: its premodifiers, its appositions and
    a title coordinated with it. The description's head noun counts twice, each
    modifier (a demonym, an organization, "former") once; a candidate needs the
    head or two modifiers, and the best one named last before the speaker wins
    (recency), else the nearest in the same sentence. An indefinite description
    ("a senior official") introduces someone unnamed and is left as it is; "the
    official" after it is that same unnamed speaker.
    """

    def __init__(self, doc: Doc, people: list[Any], honorifics: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.people = [(m, self._context(m)) for m in people]
        self.honorifics = honorifics  # "Mr", "Dr": forms of address, no role

    def _context(self, mention: Any) -> frozenset[str]:
        words = {w.lower() for t in getattr(mention, "titles", ()) for w in re.findall(r"[\w-]+", t.title)}
        span = char_span(self.doc, mention.start, mention.end)
        if span is None:
            return frozenset(words)
        root = span.root
        phrases = [self.doc[root.left_edge.i : span.start]]
        if root.dep_ == "appos" or (root.dep_ == "conj" and root.head.ent_type_ != "PERSON"):
            phrases.append(self.doc[root.head.left_edge.i : root.head.i + 1])
        phrases += [self.doc[c.left_edge.i : c.i + 1] for c in root.rights if c.dep_ == "appos"]
        words |= {_word(t) for phrase in phrases for t in phrase if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        return frozenset(words)

    def salient_role(self, speaker: Speaker, vocab: Cues) -> bool:
        """Return True for a definite description of one person's role that may stand for the person in focus.

        "the Taoiseach", "the EU's foreign policy chief", "the PM": definite, singular, a role
        word as head, and not one of the heads that usually stand for an unnamed source ("the official").
        """
        phrase = char_span(self.doc, speaker.start, speaker.end)
        if phrase is None or phrase[0].lower_ != "the" and not any(t.dep_ == "poss" for t in phrase):
            return False
        head = phrase.root
        lemma = head.lemma_.lower()
        return (
            head.tag_ in ("NN", "NNP")
            and not head.ent_type_
            and lemma not in _NOT_PERSONAL
            and lemma not in vocab.anonymous_heads
            and lemma not in vocab.group_heads
            and len(phrase) <= 6
        )

    def untitled_instead(self, referent: Speaker, speaker: Speaker) -> Speaker:
        """Return the person named beside `referent` with no role, when `referent` was introduced with another role.

        "Mr Johnson and EU commission chief Ursula von der Leyen agreed ... The PM
        has insisted ...": the commission chief is not "the PM"; the one named
        beside her with no title may be.
        """
        phrase = char_span(self.doc, speaker.start, speaker.end)
        words = next((w for m, w in self.people if m.start == referent.start), frozenset())
        if phrase is None or not words or _word(phrase.root) in words:
            return referent
        sent = char_span(self.doc, referent.start, referent.end)
        if sent is None:
            return referent
        bounds = (sent.sent.start_char, sent.sent.end_char)
        beside = [
            m for m, w in self.people
            if not w - self.honorifics and bounds[0] <= m.start < bounds[1] and m.start < speaker.start and m.text != referent.name
        ]
        if not beside:
            return referent
        m = beside[-1]
        return Speaker(m.text, m.start, m.end, "person", m.country)

    def resolve(self, speaker: Speaker, described: list[Speaker]) -> Speaker | None:
        """Return the person (or earlier described speaker) a definite description refers to, if one fits."""
        phrase = char_span(self.doc, speaker.start, speaker.end)
        if phrase is None or phrase[0].lower_ in _INDEFINITE:
            return None
        head = phrase.root
        if head.tag_ not in ("NN", "NNP") or head.lemma_.lower() in _NOT_PERSONAL or head.ent_type_:
            return None
        mods = {_word(t) for t in phrase if t.i != head.i and t.pos_ in ("NOUN", "PROPN", "ADJ")}
        key = _word(head)
        earlier = [d for d in described if d.end <= speaker.start and key in _description_words(self.doc, d)]
        if earlier and phrase[0].lower_ == "the":
            return earlier[-1]  # "a senior Hamas official said ... The official said": the same unnamed source
        best: tuple[int, int, Any] | None = None
        sent = phrase.sent
        for mention, words in self.people:
            score = 2 * (key in words) + len(mods & words)
            if score < 2 or mention.start >= speaker.start and mention.start >= sent.end_char:
                continue
            # before the description, the latest; in its own sentence after it, the nearest
            order = mention.start if mention.start < speaker.start else -mention.start
            if best is None or (score, order) > best[:2]:
                best = (score, order, mention)
        if best is None:
            return None
        m = best[2]
        return Speaker(m.text, m.start, m.end, "person", m.country)


def named_organization(
    doc: Doc, speaker: Speaker, mentions: list[Any], vocab: Cues, content: tuple[int, int]
) -> Speaker | None:
    """Return the organization a definite "the alliance"/"the organization" speaker refers back to.

    Such a description is the organization the article has named: the latest
    one named with that very noun ("the 23-member OPEC+ alliance ... The
    alliance said"), else the latest organization named before it, outside
    what it says ('"... the World Health Assembly," explained the organization').
    """
    phrase = char_span(doc, speaker.start, speaker.end)
    if phrase is None or len(phrase) != 2 or phrase[0].lower_ != "the":
        return None
    key = phrase.root.lemma_.lower()
    if key not in vocab.organization_heads:
        return None
    before = [
        m
        for m in mentions
        if getattr(m, "type", None) == "organization" and m.end <= speaker.start and not content[0] <= m.start < content[1]
    ]
    if not before:
        return None
    called = [m for m in before if re.match(rf"\W{{0,2}}{re.escape(phrase.root.text)}\b", doc_text(doc)[m.end : m.end + 40], re.I)]
    m = (called or before)[-1]
    return Speaker(m.text, m.start, m.end, "organization", getattr(m, "country", None))


def other_named_between(people: list[Any], referent: Speaker, speaker: Speaker) -> bool:
    """Return True when a person other than `referent` is named between its mention and `speaker`."""
    name = referent.name.split()[-1] if referent.name.split() else referent.name
    return any(referent.end <= m.start < speaker.start and name not in m.text for m in people)


def _word(token: Token) -> str:
    """Return the form a role word is compared by: a name's own text, a common noun's lemma."""
    return token.lower_ if token.pos_ == "PROPN" else token.lemma_.lower()


def _description_words(doc: Doc, speaker: Speaker) -> set[str]:
    phrase = char_span(doc, speaker.start, speaker.end)
    return {_word(t) for t in phrase} if phrase is not None else set()


def fuller_group(doc: Doc, speaker: Speaker, described: list[Speaker]) -> Speaker | None:
    """Return the earlier, fuller description a short definite one repeats: "the Ministers" after "the Ministers of ..."."""
    phrase = char_span(doc, speaker.start, speaker.end)
    if phrase is None or len(phrase) != 2 or phrase[0].lower_ != "the":
        return None
    short = speaker.name.lower()
    return next((d for d in reversed(described) if d.end <= speaker.start and d.name.lower().startswith(short + " ")), None)
