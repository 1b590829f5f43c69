"""Direction: whether a time expression looks back or ahead, from the sentence's tense and cue words.

A bare "August 12" or "Sunday" has no year or week of its own; "a deadline
approaching on August 12" looks ahead, "met on Sunday" looks back. The verb
governing the expression, its auxiliaries and the words of intent and
planning around it decide, and cue words near it when the parse says nothing.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from talktrack.extract.timex.calendar import FUTURE, PAST, UNKNOWN
from talktrack.extract.timex.grammar import Vocabulary
from talktrack.nlp.views import char_span

_FUTURE_AUX = {"will", "'ll", "shall", "wo", "would", "ca"}
_PAST_PREPOSITIONS = {"since", "ago"}
_FUTURE_PREPOSITIONS = {"until", "till", "ahead", "effective", "payable"}  # "a dividend payable Dec. 15"
_DEADLINE_PREPOSITIONS = {"by", "beyond"}  # "extending the period beyond the end of December"


def direction_at(doc: Doc, start: int, end: int, vocab: Vocabulary) -> int:
    """Return PAST, FUTURE or UNKNOWN for the expression at `start:end`, from tense and cue words."""
    span = char_span(doc, start, end)
    if span is None or not len(span):
        return UNKNOWN
    before = doc[span.start - 1].lower_ if span.start > 0 else ""
    if before in ("from", "on") and span.start > 1 and doc[span.start - 2].lower_ in ("effective", "payable"):
        before = doc[span.start - 2].lower_  # "a ceasefire effective from August 3": when it takes effect lies ahead
    if before in _PAST_PREPOSITIONS or (span.end < len(doc) and doc[span.end].lower_ == "ago"):
        return PAST
    verb = _governing_verb(span.root)
    if before in _FUTURE_PREPOSITIONS:
        # "Until Thursday, they had not called him a suspect": a past perfect closed the stretch before now
        return PAST if before in ("until", "till") and verb is not None and _past_perfect(verb) else FUTURE
    aim = _aim_of(span.root, vocab) or _aim_of(span[0], vocab)  # "a deadline of [midnight] on Sunday"
    if aim is not None:  # "has set a deadline of midnight on Sunday"
        return _aim_direction(_governing_verb(aim), vocab)
    if _prospective_event(span.root, vocab) or _after_prospective_noun(doc, span.start, vocab):
        return FUTURE  # "the slated visit of the secretary in September"
    if verb is not None and _planned_for(span.root, verb, vocab):
        return FUTURE  # "the accession was planned for early March"
    if verb is not None and _deferred_to(span.root, verb, vocab):
        return FUTURE if _tense(verb, vocab) == FUTURE else UNKNOWN  # "was postponed to February": the nearest
    hops = 0
    while verb is not None and hops < 4:
        aim = _aim_of(verb, vocab)
        if aim is not None:  # "have set a target of concluding it before the summit in November"
            return _aim_direction(_governing_verb(aim), vocab)
        # "Following talks in Geneva in May, the meeting has created ...": a participle
        # has no tense of its own; the clause it hangs from does
        if verb.tag_ == "VBG" and verb.lower_ in vocab.future_cues:
            return FUTURE  # "with a deadline looming on September 30": the participle itself looks ahead
        if {a.lower_ for a in _auxes(verb)} == {"would"} and _reported_in_past(verb):
            return UNKNOWN
        tense = _tense(verb, vocab)
        if tense != UNKNOWN or verb.head.i == verb.i or _present(verb):
            if tense != UNKNOWN:
                return tense
            break  # "told reporters that the freeze holds through the winter": the clause's own present
        verb = _governing_verb(verb.head)
        hops += 1
    if before in _DEADLINE_PREPOSITIONS:
        return FUTURE  # "if supplies are not restored by June": a deadline ahead, unless the clause is past
    sent = span.sent
    window = doc[max(sent.start, span.start - 6) : min(sent.end, span.end + 6)]
    words = {t.lower_ for t in window}
    if words & vocab.future_cues:
        return FUTURE
    if words & vocab.past_cues:
        return PAST
    return UNKNOWN


def _prospective_event(token: Token, vocab: Vocabulary) -> bool:
    """Return True when a noun between `token` and its verb is modified as ahead: "the upcoming talks on Monday",
    "the next round, pencilled in for May 17" (through a participle that describes the noun)."""
    seen = 0
    while seen < 8 and (token.pos_ not in ("VERB", "AUX") or (token.dep_ == "acl" and token.tag_ == "VBN")):
        if token.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("amod", "compound") and c.lower_ in vocab.prospective_modifiers for c in token.children
        ):
            return True
        if token.head.i == token.i:
            break
        token = token.head
        seen += 1
    return False


def _after_prospective_noun(doc: Doc, start: int, vocab: Vocabulary) -> bool:
    """Return True for a time right after a noun phrase modified as ahead, however the parse attached it:
    "facing the looming expiration of a tariff waiver on July 8" (the parser hangs "on July 8" from "facing")."""
    if start < 2 or doc[start - 1].pos_ != "ADP" or doc[start - 2].pos_ not in ("NOUN", "PROPN"):
        return False
    return _prospective_event(doc[start - 2], vocab)


def _aim_of(verb: Token, vocab: Vocabulary) -> Token | None:
    """Return the noun of intent whose content `verb` (or a time) is: "a target of concluding ...", "a plan to
    hold talks", "a deadline of midnight on Sunday"."""
    head = verb.head
    if verb.dep_ in ("pcomp", "pobj") and head.lower_ in ("of", "for") and _intent_noun(head.head, vocab):
        return head.head
    if verb.dep_ == "acl" and verb.tag_ == "VB" and _intent_noun(head, vocab) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return head
    return None


def _intent_noun(token: Token, vocab: Vocabulary) -> bool:
    return token.pos_ == "NOUN" and token.lemma_.lower() in vocab.prospective_nouns  # "a plan", not "planned"


def _aim_direction(matrix: Token | None, vocab: Vocabulary) -> int:
    """Return the direction of what an intent is for, from the verb that names the intent."""
    if matrix is None:
        return FUTURE
    if _past_perfect(matrix):
        return PAST  # "they had set a target of finishing in November": a November gone by
    if _past_form(matrix) and matrix.lemma_.lower() not in vocab.intent_verbs:
        return UNKNOWN  # "the plan to hold talks in November failed": the nearest November
    return FUTURE


def _planned_for(root: Token, verb: Token, vocab: Vocabulary) -> bool:
    """Return True for a time that a plan is "for": "was scheduled for Thursday", "is planned for early March",
    or that follows what was planned: "planned a large demonstration on Saturday".

    Not "planned on Friday" or "On Friday, they planned the talks" (when the plan was made), not a
    plan in the past perfect, and not a participle hanging from another clause ("a rally planned for
    Saturday was canceled"), whose own tense decides.
    """
    if not (root.dep_ == "pobj" and root.head.head.i == verb.i and verb.dep_ != "acl" and _plans(verb, vocab)):
        return False
    preposition = root.head
    if preposition.lower_ == "for":
        return True
    return (
        preposition.lower_ in ("on", "in")
        and verb.lemma_.lower() in vocab.scheduling_verbs
        and any(c.dep_ == "dobj" and c.i < preposition.i for c in verb.children)
    )


def _deferred_to(root: Token, verb: Token, vocab: Vocabulary) -> bool:
    """Return True for the time a deadline or meeting is moved to: "extended the pause to Nov. 10",
    "was pushed back by 90 days to mid-February". It lies after the event the clause reports, so
    the clause's past tense does not put it in the past."""
    return (
        root.dep_ == "pobj"
        and root.head.lower_ in ("to", "into")
        and root.head.head.i == verb.i
        and verb.lemma_.lower() in vocab.deferral_verbs
    )


def _plans(verb: Token, vocab: Vocabulary) -> bool:
    """Return True for a verb of planning not in the past perfect: what it plans lies ahead ("planned", not "had planned")."""
    return verb.lemma_.lower() in vocab.prospective_verbs and not _past_perfect(verb)


def _past_perfect(verb: Token) -> bool:
    """Return True for a clause in the past perfect: "had not called", "had been due"."""
    return any(a.lower_ in ("had", "'d") for a in _auxes(verb))


def _governing_verb(token: Token) -> Token | None:
    """Return the nearest verb above `token` in the parse (the token itself if a verb)."""
    seen = 0
    while seen < 8:
        if token.pos_ in ("VERB", "AUX"):
            return token
        if token.head.i == token.i:
            return None
        token = token.head
        seen += 1
    return None

def _auxes(verb: Token) -> list[Token]:
    """Return a verb's auxiliaries, leaving out a surname the parser took for one ("Petra Will said")."""
    return [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.ent_type_ != "PERSON"]


def _present(verb: Token) -> bool:
    """Return True for a finite clause in the present: "gives", "are not restored"."""
    return verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in _auxes(verb))


def _past_form(verb: Token) -> bool:
    """Return True for a clause in a past form: "made", "had been due", "was scheduled"."""
    return verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in _auxes(verb))


def _reported_in_past(verb: Token) -> bool:
    """Return True for a clause reported by a past verb: "told reporters that X would be the focus".

    Its "would" is a future seen from the time of telling, which lies before the
    report; a day named there may have passed by publication, so it takes the
    nearest such day rather than the next one.
    """
    hops = 0
    while verb.dep_ in ("ccomp", "advcl") and verb.head.i != verb.i and hops < 2:
        verb = verb.head  # "told reporters that although X would be ..., he hoped ...": up to the telling
        if verb.tag_ == "VBD":
            return True
        hops += 1
    return False


def _tense(verb: Token, vocab: Vocabulary) -> int:
    """Return the tense of a clause from its verb and auxiliaries: will/would ahead, past forms back."""
    # "Petra Will said", "Will led the delegation": a surname the parser took for the modal
    auxes = _auxes(verb)
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return FUTURE
    if verb.lower_ in ("will", "'ll", "would") and verb.ent_type_ != "PERSON":
        return FUTURE
    if any(a.lower_ == "going" for a in auxes) or (verb.lower_ == "going" and any(c.lower_ == "to" for c in verb.children)):
        return FUTURE
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and words & {"has", "have", "had", "'ve"}:
        return PAST
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "advcl", "relcl"):
        return PAST  # a reduced relative: "talks held from Monday to Tuesday", "extended in July"
    if verb.tag_ == "VB" and "to" in words:
        # "set to resume Monday", "supposed to conclude by May"; but "had been due to expire Friday" and
        # "made it difficult to meet demand into the summer" look back from a past clause
        # "planned to leave on Thursday", "did not plan to remove him Thursday": a plan looks ahead in any tense
        matrix = _governing_verb(verb.head) if verb.head.i != verb.i else None
        if matrix is not None and _plans(matrix, vocab):
            return FUTURE
        return PAST if matrix is not None and _past_form(matrix) else FUTURE
    if verb.tag_ == "VBG" and words & {"is", "are", "am", "'s", "'re"}:
        return FUTURE  # "are meeting on Friday": an arrangement ahead
    if verb.tag_ in ("VBZ", "VBP") and verb.dep_ == "ROOT" and verb.lemma_ not in ("be", "have"):
        return UNKNOWN
    return UNKNOWN
