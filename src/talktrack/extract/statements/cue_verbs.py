"""Which verbs are cues: reporting verbs, "as X put it", verbs of going on speaking, and their subjects."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from talktrack.extract.attribution import Cues, cues, subject_of
from talktrack.extract.statements.found import Found
from talktrack.nlp.views import doc_columns


def cue_tokens(doc: Doc, vocab: Cues) -> list[Token]:
    """Return reporting verbs, outermost first so nested speech joins its reporter's content."""
    columns = doc_columns(doc)
    lemmas = vocab.reporting | vocab.stance | {"cite"}
    found = zip(columns.pos, columns.lemma_lower)
    verbs = [
        doc[i]
        for i, (pos, lemma) in enumerate(found)
        if pos in ("VERB", "AUX") and (lemma in lemmas or lemma == "put" and puts_it(doc[i]) or lemma == "agree" and that_clause(doc[i]))
    ]
    return sorted(verbs, key=lambda t: (len(list(t.ancestors)), t.i))


def puts_it(verb: Token) -> bool:
    """Return True for "as the minister put it": a comment on the words before, an attribution."""
    return any(c.dep_ == "dobj" and c.lower_ == "it" for c in verb.children) and as_clause_of(verb, subject_of(verb)) is not None


def as_clause_of(cue: Token, subject: Token | None) -> Token | None:
    """Return the "as" that makes a cue a comment on another clause: "as a delegate noted", "as X put it"."""
    if subject is None:
        return None
    mark = next((c for c in cue.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    return mark if mark is not None and mark.i == subject.left_edge.i - 1 else None


def that_clause(verb: Token) -> bool:
    """Return True when a verb governs a clause opened by "that"."""
    return any(c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in verb.children)


def goes_on(verb: Token, vocab: Cues) -> bool:
    """Return True for '"...," she continued.': a verb of going on speaking, with nothing it goes on with.

    Such verbs (data/cues.yaml quote_verbs) attribute a quote beside them; with an
    object or a phrase after them ("the talks continued into the night") they report nothing.
    """
    return verb.lemma_.lower() in vocab.quote_verbs and not any(
        c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "advcl", "attr", "acomp") for c in verb.rights
    )


def inverted_subject(cue: Token) -> Token | None:
    """Return the subject after the verb in '"...," said Zhou Mi' when the parser made it an object.

    Right after the quote's closing marks a common noun is the speaker too: '"...," sighed a delegate'.
    """
    inverted = cue.i > 0 and cue.doc[cue.i - 1].is_punct
    for child in cue.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "nsubj") and (
            child.ent_type_ == "PERSON" or child.pos_ == "PROPN" or inverted and child.pos_ == "NOUN"
        ):
            return child
    return None


def same_speaker_clause(cue: Token, outer: Found) -> bool:
    """Return True for a second report by the same speaker inside the first one's span.

    "said ..., expressing willingness to ...", "said, calling for the US to ...":
    a participle or a willingness phrase continues the speaker's own words.
    """
    return cue.lemma_.lower() in cues().stance or (cue.tag_ == "VBG" and outer.cue is not None and cue.head.i == outer.cue.i)
