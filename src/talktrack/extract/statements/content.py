"""What a cue verb reports: the span of its reported clause, object or preceding clause."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from talktrack.extract.attribution import Cues
from talktrack.extract.statements.cue_verbs import as_clause_of


def content_of(cue: Token, vocab: Cues) -> Span | None:
    """Return the reported clause of a cue verb: its complement clause, or object and infinitive."""
    doc = cue.doc
    lemma = cue.lemma_.lower()
    if lemma in vocab.stance:
        # "expressing welcome for enterprises ... to invest in China", "conveyed their commitment to ...":
        # the feeling and what it is about
        obj = next((c for c in cue.children if c.dep_ == "dobj" and c.lemma_.lower() in vocab.willingness), None)
        return doc[obj.left_edge.i : cue.right_edge.i + 1] if obj is not None else None
    if lemma == "talk":
        # "has talked of levying a tariff": what was spoken of; "talked with the envoy" reports nothing
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        return doc[about.i + 1 : about.right_edge.i + 1] if about is not None and about.right_edge.i > about.i else None
    if lemma == "appeal":
        # "appealed to Saudi Arabia to increase output": to whom and what; "appealed for calm": what
        to = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "to"), None)
        act = next((c for c in cue.rights if c.dep_ == "xcomp"), None)
        if to is not None and act is not None and to.i < act.i:
            return doc[to.i + 1 : act.right_edge.i + 1]
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
        return doc[about.i + 1 : about.right_edge.i + 1] if about is not None and about.right_edge.i > about.i else None
    if lemma == "thank":
        # "thanked the delegations for traveling to Geneva": whom, and for what
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ == "for"), None)
        if obj is None or about is None:
            return None
        return doc[obj.left_edge.i : about.right_edge.i + 1]
    if lemma == "call" and any(c.dep_ == "dobj" and c.tag_ == "WP" for c in cue.children):
        # "pushed the country into what the UN has called the world's worst crisis": the naming is what was said
        named = next((c for c in cue.rights if c.dep_ == "oprd"), None)
        return doc[named.left_edge.i : named.right_edge.i + 1] if named is not None else None
    if lemma in ("describe", "accuse") and (said := _said_of(cue, lemma)) is not None:
        return said
    return _clause_content(cue, lemma, vocab)


def _said_of(cue: Token, lemma: str) -> Span | None:
    """Return what "described"/"accused" said of whom, or None when the parse shows no "as"/"of" phrase.

    "described the meeting as 'a very strong start'", "accused Mexico of
    exporting ...": the object with its "as"/"of" phrase.
    """
    doc = cue.doc
    obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
    word = "as" if lemma == "describe" else "of"
    # the parser often hangs "as ..." from the object's last noun: any "as" after the object will do;
    # "of" only when what follows is an act ("of exporting"), not the object's own ("the leader of the party")
    what = next(
        (t for t in cue.doc[obj.i + 1 : cue.right_edge.i + 1] if t.lower_ == word and (word == "as" or t.head.i == cue.i or t.nbor().tag_ == "VBG")),
        None,
    ) if obj is not None and obj.i > cue.i else None
    if obj is None or what is None or what.i >= what.right_edge.i:
        return None
    if lemma == "describe":
        return doc[obj.left_edge.i : what.right_edge.i + 1]
    # what they are accused of; run on to the cue's end over a relative clause the parser hung elsewhere
    end = what.right_edge.i
    if not any(t.text in (",", ";", "(") for t in doc[end + 1 : cue.right_edge.i + 1]):
        end = max(end, cue.right_edge.i)
    return doc[what.i + 1 : end + 1]


def _clause_content(cue: Token, lemma: str, vocab: Cues) -> Span | None:
    """Return the reported clause of a cue verb with no reading of its own (see `content_of`).

    Its complement clause, also where the parser hung it elsewhere; else the
    act it announces or asks for; else the clause before a trailing attribution.
    """
    doc = cue.doc
    clause = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if clause is None and (around := _interrupted_clause(cue)) is not None:
        return around
    if clause is None and (stray := stray_that_clause(cue)) is not None:
        return stray
    if clause is None and (told := _told_clause(cue)) is not None:
        return told
    if clause is None and lemma in ("highlight", "stress", "emphasize", "emphasise", "underline", "underscore", "note"):
        obj = next((c for c in cue.children if c.dep_ == "dobj"), None)
        if obj is not None:  # "Chinese experts highlighted the constructive atmosphere of the talks"
            return doc[obj.left_edge.i : obj.right_edge.i + 1]
    if clause is None and lemma in ("say", "add", "note"):
        # "X, He said." is sometimes parsed with the reported clause as an adverbial before the verb
        clause = next((c for c in cue.children if c.dep_ == "advcl" and c.i < cue.i and c.tag_ != "VBG"), None)
    if clause is not None:
        return doc[clause.left_edge.i : _split_off_object(cue, clause).right_edge.i + 1]
    if lemma == "ask" and (asked := _asked_for(cue)) is not None:
        return asked
    if lemma in vocab.commissive:
        # "threatened to impose tariffs", "vowed to continue the talks": the announced act is the content
        act = _to_infinitive(cue)
        if act is not None:
            return doc[act.left_edge.i : act.right_edge.i + 1]
    if lemma in ("urge", "call", "warn", "tell", "caution"):
        obj = next((c for c in cue.children if c.dep_ in ("dobj", "dative")), None)
        xcomp = next((c for c in cue.children if c.dep_ in ("xcomp", "ccomp") and c.i > cue.i), None)
        if obj is not None and xcomp is not None:
            return doc[obj.left_edge.i : xcomp.right_edge.i + 1]  # "urged the US side to work with China"
        about = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ in ("of", "for", "against") and c.i > cue.i), None)
        if about is not None and _about_speech(cue, about):
            return doc[about.left_edge.i : about.right_edge.i + 1]  # "warned of production stoppages"
        if lemma == "call":  # "calling for the US to meet China halfway", parsed as a clause
            clause = next((c for c in cue.rights if c.dep_ in ("advcl", "xcomp", "ccomp")), None)
            if clause is not None:
                return doc[clause.left_edge.i : clause.right_edge.i + 1]
    return _preceding_clause(cue)


def _to_infinitive(cue: Token) -> Token | None:
    """Return the "to" infinitive after `cue` (an xcomp with "to"): "vowed to continue", "asked them to release"."""
    return next((c for c in cue.rights if c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.lefts)), None)


def _asked_for(cue: Token) -> Span | None:
    """Return what an active "ask" asks, with no complement clause in the parse.

    "asked the agency to release the report": the one asked and the act
    (the infinitive, an xcomp); "asked residents if they would ...": the
    question, an "if"/"whether" clause the parser hangs as advcl, without
    the one asked; "asked (the minister) about the delays", "asked for a
    review": the phrase after the preposition, with it.
    """
    doc = cue.doc
    act = _to_infinitive(cue)
    if act is not None:
        asked = next((c for c in cue.rights if c.dep_ in ("dobj", "dative") and c.i < act.i), None)
        return doc[(asked or act).left_edge.i : act.right_edge.i + 1]
    question = next(
        (c for c in cue.rights if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in ("if", "whether") for m in c.lefts)),
        None,
    )
    if question is not None:
        return doc[question.left_edge.i : question.right_edge.i + 1]
    about = next((c for c in cue.rights if c.dep_ == "prep" and c.lower_ in ("about", "for")), None)
    if about is not None and about.right_edge.i > about.i:
        return doc[about.i : about.right_edge.i + 1]
    return None


_CUE_PHRASES = frozenset({"prep", "dobj", "dative", "npadvmod", "advmod", "pobj"})


def stray_that_clause(cue: Token) -> Span | None:
    """Return a reported clause the parser hung from a noun of the cue's own phrases.

    In "said at a press conference after the signing that candidates ... are
    allowed" or "told Reuters before Monday's meeting that the issues ... had
    been resolved", the "that" clause is taken for a relative clause of
    "signing" or "meeting". When every word between the cue and "that"
    belongs to the cue's objects and phrases, and "that" is followed by a
    subject and its verb (not a verb: "the conference that followed"), what
    follows "that" to the end of the sentence is what was said.
    """
    doc = cue.doc
    sent = cue.sent
    that = first_that(cue, lambda t: t.is_punct and t.text not in (",",))
    if that is None or that.i == cue.i + 1 or that.dep_ == "det" or that.i + 2 >= sent.end:
        return None
    own = {t.i for c in cue.rights if c.dep_ in _CUE_PHRASES for t in c.subtree}
    if not all(i in own for i in range(cue.i + 1, that.i)):
        return None
    if any(c.dep_ == "dobj" and not _listener(c) for c in cue.children):
        return None  # "said the deal that ...": an object of its own, no clause reported
    nxt = doc[that.i + 1]
    if nxt.pos_ in ("VERB", "AUX") or nxt.is_punct:
        return None
    rest = doc[that.i + 1 : sent.end]
    if not any(t.dep_ in ("nsubj", "nsubjpass") for t in rest) or not any(t.pos_ in ("VERB", "AUX") for t in rest):
        return None
    return rest


def first_that(head: Token, stops: Callable[[Token], bool]) -> Token | None:
    """Return the first "that" after `head` in its sentence, unless a word that `stops` comes before it.

    A cue's stray clause and a noun of saying's clause both open with the first
    "that" after the head's own phrases; `stops` says where those phrases end
    (at punctuation, or at the first word outside them).
    """
    that = next((t for t in head.doc[head.i + 1 : head.sent.end] if t.lower_ == "that" or stops(t)), None)
    return that if that is not None and that.lower_ == "that" else None


def _told_clause(cue: Token) -> Span | None:
    """Return the clause a listener object was taken to govern: "told advisers he wanted to pull ...".

    Without "that", the parser often reads the reported clause as a relative
    clause of the one told. A clause right after the listener, with its own
    subject that is no relative pronoun, is what was told.
    """
    if cue.lemma_.lower() not in ("tell", "assure", "inform", "remind", "warn"):
        return None
    listener = next((c for c in cue.children if c.dep_ in ("dobj", "dative") and c.i > cue.i and c.pos_ in ("NOUN", "PROPN", "PRON")), None)
    if listener is None:
        return None
    clause = next((c for c in listener.rights if c.dep_ == "relcl"), None)
    if clause is None or clause.left_edge.i != listener.i + 1:
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < clause.i), None)
    if subject is None or subject.tag_ in ("WP", "WDT") or subject.lower_ == "that":
        return None
    return cue.doc[clause.left_edge.i : clause.right_edge.i + 1]


def _split_off_object(cue: Token, clause: Token) -> Token:
    """Return the last token-tree of a reported clause, counting an object a parenthetical split off it.

    In "said Kosovo agreed to launch, immediately, negotiations on ..." the
    parser takes the object after the inserted adverb for a conjunct or a
    second complement of the cue verb. A bare noun there, right after the
    clause, with no "and"/"or" and no subject of its own, is the clause's
    object: the content runs on.
    """
    doc = cue.doc
    after = next((c for c in cue.rights if c.dep_ in ("conj", "ccomp") and c.i > clause.right_edge.i), None)
    if after is None or after.pos_ not in ("NOUN", "PROPN") or any(c.dep_ in ("nsubj", "nsubjpass") for c in after.children):
        return clause
    between = doc[clause.right_edge.i : after.i]  # the clause may end with the comma before the insertion
    if not any(t.is_punct for t in between) or any(t.dep_ == "cc" or t.pos_ in ("VERB", "AUX", "CCONJ") for t in between[1:]):
        return clause
    return after


def _interrupted_clause(cue: Token) -> Span | None:
    """Return the whole sentence a parenthetical attribution interrupts: "Back home, Li said, he would ...".

    The parser hangs "Li said" from the reported clause (parataxis). What was
    said runs on both sides of it; the statement spans the clause, the
    attribution inside it, as annotators of attribution mark it.
    """
    head = cue.head
    if cue.dep_ != "parataxis" or head.i == cue.i or head.pos_ not in ("VERB", "AUX"):
        return None
    doc = cue.doc
    if cue.left_edge.i <= head.left_edge.i and head.i > cue.i and cue.i + 1 < head.i and doc[cue.i + 1].text == ",":
        # "Also, he said, Serbia and Kosovo agreed to ...": a lead-in attribution, what follows its comma is said
        return doc[cue.i + 2 : head.right_edge.i + 1]
    after = [t for t in doc[cue.right_edge.i + 1 : head.right_edge.i + 1] if not t.is_punct]
    if not after or cue.left_edge.i <= head.left_edge.i:
        return None  # "..., Li said." closes the sentence: the clause before it, as _preceding_clause finds
    return doc[head.left_edge.i : head.right_edge.i + 1]


_LISTENERS = frozenset({"investor", "official", "side", "government", "country", "member", "leader", "public", "company", "party"})


def _about_speech(cue: Token, about: Token) -> bool:
    """Return True when "of"/"for" says what a call or warning is about: "called for talks", "warned investors of
    losses"; not "called protests in Paris for next week", a time, after an object that is no listener."""
    if any(t.ent_type_ in ("DATE", "TIME") for t in about.subtree):
        return False
    listeners = {t.i for c in cue.children if c.dep_ in ("dobj", "dative") and _listener(c) for t in c.subtree}
    return all(i in listeners for i in range(cue.i + 1, about.i))


def _listener(token: Token) -> bool:
    """Return True for an object that can be told or warned: a name, a pronoun, or people and bodies."""
    return token.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or token.pos_ == "PRON" or token.lemma_.lower() in _LISTENERS


def _preceding_clause(cue: Token) -> Span | None:
    """Return the clause before a trailing attribution: "Xi will attend ..., the ministry announced on Friday"."""
    doc = cue.doc
    subject = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    as_clause = as_clause_of(cue, subject)
    if subject is None or subject.i > cue.i or any(c.dep_ == "dobj" and as_clause is None for c in cue.children):
        return None  # "When they left, neither side declared a breakthrough": the verb has its object
    edge = subject.left_edge.i
    sent = cue.sent
    if as_clause is not None:
        # '..., "and then other issues," as Iran's lead negotiator put it': the clause the "as" one comments on
        if as_clause.i == sent.start:  # "As the minister noted, the talks ...": the clause after it
            after = cue.right_edge.i + 1
            return doc[after + 1 : sent.end] if after + 1 < sent.end and doc[after].text == "," else None
        quoted = _quote_beside(cue, as_clause)
        if quoted is not None:  # "the requirement is a "lawful source of income," as a memo put it": the quote's words
            return quoted
        edge = as_clause.i
    if edge - 1 <= sent.start or doc[edge - 1].text not in (",", "—", "--"):
        return None
    if not _main_clause_in(doc[sent.start : edge - 1]):
        return None  # "With 214 delegates at stake, Clinton assured ...", "Though he has not ..., he pledged": no clause said
    if goes_on_after(doc, cue.right_edge.i + 1, sent.end):
        return doc[sent.start : sent.end]  # "A paid 8.9 percent, the agency said, and B paid 0.8 percent"
    return doc[sent.start : edge - 1]


def _main_clause_in(span: Span) -> bool:
    """Return True when a span holds a clause of its own: a verb with a subject, not opened by "though", "when" ..."""
    return any(
        t.pos_ in ("VERB", "AUX")
        and any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in t.children)
        and not any(c.dep_ == "mark" for c in t.children)
        for t in span
    )


_COORDINATING = frozenset({"and", "but", "while", "whereas"})
_CLOSING_QUOTES = frozenset({'"', "\u201d", "\u2019", "'"})
_OPENING_QUOTES = frozenset({'"', "\u201c", "\u2018", "'"})


def _quote_beside(cue: Token, mark: Token) -> Span | None:
    """Return the quote an "as X put it" clause comments on: the one that closes right before it or opens right after."""
    doc = cue.doc
    sent = cue.sent
    i = mark.i - 1
    while i > sent.start and doc[i].text == ",":
        i -= 1
    if doc[i].text in _CLOSING_QUOTES:
        start = next((j for j in range(i - 1, sent.start - 1, -1) if doc[j].text in _OPENING_QUOTES), None)
        if start is not None and start + 1 < i:
            return doc[start + 1 : i]
    j = next((k for k in range(cue.i + 1, sent.end) if doc[k].text in _OPENING_QUOTES), sent.end)
    if j < sent.end and not any(t.pos_ in ("VERB", "AUX") for t in doc[cue.i + 1 : j]):
        end = next((k for k in range(j + 1, sent.end) if doc[k].text in _CLOSING_QUOTES), None)
        if end is not None and end > j + 1:
            return doc[j + 1 : end]
    return None


def goes_on_after(doc: Doc, i: int, end: int) -> bool:
    """Return True when a comma and a coordinated clause follow an attribution: ', and those in the bottom fifth paid ...'."""
    while i < end and doc[i].is_punct and doc[i].text == ",":
        i += 1
    if i >= end or doc[i].lower_ not in _COORDINATING or i == 0 or doc[i - 1].text != ",":
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in doc[i + 1 : end])


def past_leading_time(content: Span) -> Span:
    """Return a clause without the time the parser hung from it rather than from its cue: in "said on
    Wednesday they had agreed ...", "on Wednesday" is when it was said."""
    first = content[0]
    end = first.right_edge.i + 1
    if first.dep_ != "prep" or end >= content.end or not all(t.ent_type_ in ("DATE", "TIME") for t in content.doc[first.i + 1 : end]):
        return content
    return content.doc[end : content.end]
