"""Event triggers from data/events.yaml: which words signal which type of event."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token

from talktrack.datafiles import bundled_yaml
from talktrack.nlp.views import char_span, doc_columns, span_text


GATHERINGS = ("talks", "meeting", "summit")  # the event types a name can be given to: "the APEC Economic Leaders' Meeting"


@dataclass(frozen=True, slots=True)
class EventWords:
    """Trigger lemmas and phrases per event type, with PLOVER types and context requirements."""

    nouns: dict[str, str]  # lemma -> type
    verbs: dict[str, str]
    phrases: dict[str, str]  # lowercased phrase -> type
    plover: dict[str, str | None]
    context: dict[str, frozenset[str]]
    agreement_verbs: frozenset[str]
    actions: dict[str, str]
    requests: frozenset[str] = frozenset()  # verbs that ask for a measure rather than take it: "urge", "ask"
    series: frozenset[str] = frozenset()  # nouns whose "of" says what they are: "a round of tariffs" is no talks
    targets: frozenset[str] = frozenset()  # verbs whose "by" date is a deadline: "conclude the talks by the end of the year"
    extensions: frozenset[str] = frozenset()  # verbs whose "beyond" date is a deadline: "extend ... beyond December"
    named: dict[str, str] = field(default_factory=dict)  # nouns that end a gathering's name: "the Berlin Conference"
    with_verbs: dict[str, str] = field(default_factory=dict)  # verbs that signal talks only "with" someone: "discussed ... with"

    def names_gathering(self, name: Span) -> bool:
        """Return True when a proper name ends in a gathering's noun: "the Doha Round", "the G20 Summit"."""
        return len(name) > 1 and self.nouns.get(name[-1].lemma_.lower()) in GATHERINGS

    def for_text(self, text: str) -> EventWords:
        """Return the vocabulary less the phrases `text` does not contain, which none of its sentences can.

        `triggers` looks for every phrase in every sentence; most are in no sentence of a document.
        """
        lowered = text.lower()
        return replace(self, phrases={p: kind for p, kind in self.phrases.items() if p in lowered})


@lru_cache(maxsize=1)
def event_words() -> EventWords:
    """Return the bundled event vocabulary."""
    raw: dict[str, Any] = bundled_yaml("events.yaml")
    nouns: dict[str, str] = {}
    verbs: dict[str, str] = {}
    phrases: dict[str, str] = {}
    plover: dict[str, str | None] = {}
    for kind, spec in raw["types"].items():
        plover[kind] = spec.get("plover")
        for w in spec.get("nouns") or []:
            nouns.setdefault(str(w).lower(), kind)
        for w in spec.get("verbs") or []:
            verbs.setdefault(str(w).lower(), kind)
        for w in spec.get("phrases") or []:
            phrases[str(w).lower()] = kind
    context = {str(k).lower(): frozenset(str(w).lower() for w in v) for k, v in (raw.get("needs_context") or {}).items()}
    agreeing = frozenset(str(w).lower() for w in raw.get("agreement_verbs") or [])
    actions = {str(k).lower(): str(v) for k, v in (raw.get("actions") or {}).items()}
    requests = frozenset(str(w).lower() for w in raw.get("requests") or [])
    series = frozenset(str(w).lower() for w in raw.get("series") or [])
    targets = frozenset(str(w).lower() for w in raw.get("target_verbs") or [])
    extensions = frozenset(str(w).lower() for w in raw.get("extension_verbs") or [])
    named = {str(k).lower(): str(v) for k, v in (raw.get("named") or {}).items()}
    with_verbs = {str(k).lower(): str(v) for k, v in (raw.get("with_verbs") or {}).items()}
    return EventWords(nouns, verbs, phrases, plover, context, agreeing, actions, requests, series, targets, extensions, named, with_verbs)


_REMOTE = {"phone", "telephone", "call", "video", "videoconference", "letter", "email", "message"}


def _with_someone(token: Token) -> bool:
    """Whether a verb such as "discuss" is done with a counterpart face to face: it has a "with" whose object is not
    a thing ("discussed the plan with Egyptian officials", not "with concern"), and nothing in its phrase says it
    was by phone or letter (a call, not talks)."""
    if any(t.lemma_.lower() in _REMOTE for t in token.subtree):
        return False
    for prep in token.subtree:  # "discussed ideas related to a truce with Egyptian officials": the parser's "with" may sit lower
        if prep.dep_ == "prep" and prep.lower_ == "with" and _same_clause(prep, token):
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None and (obj.ent_type_ in ("PERSON", "NORP", "ORG", "GPE") or obj.pos_ == "PROPN" or obj.lemma_.lower() in _COUNTERPARTS):
                return True
    return False


def _same_clause(word: Token, verb: Token) -> bool:
    """Whether the way up from a word to a verb passes no clause of its own ("said that ...", "who ...")."""
    for a in word.ancestors:
        if a.i == verb.i:
            return True
        if a.dep_ in ("ccomp", "advcl", "relcl", "xcomp", "conj", "parataxis"):
            return False
    return False


_COUNTERPARTS = {"official", "counterpart", "delegation", "minister", "envoy", "negotiator", "leader", "mediator",
                 "representative", "president", "team", "side", "government"}


def triggers(sent: Span, words: EventWords, before: Span | None = None) -> list[tuple[Token, str]]:
    """Return (token, event type) for the event words of one sentence, in order (several per type).

    A word that needs context ("round" needs talks or negotiators) finds it in
    its sentence, or a noun in the one `before`: "The third round of talks
    ended on Friday. A fourth round is set for May."
    """
    doc = sent.doc
    columns = doc_columns(doc)  # the loop tests plain lists and makes a Token only for a trigger word
    lemmas, pos = columns.lemma_lower, columns.pos
    found: dict[str, Token] = {}
    extra: list[tuple[Token, str]] = []
    lowered = span_text(sent).lower()
    context_words: set[str] | None = None  # the sentence's words and lemmas, made when a trigger needs context
    for i in range(sent.start, sent.end):
        lemma = lemmas[i]
        kind = None
        if lemma in words.named and _ends_name(doc, i, sent.start):
            kind = words.named[lemma]  # "the UN Climate Change Conference": a gathering by its name
        elif pos[i] in ("NOUN", "PROPN") and lemma in words.nouns:
            kind = words.nouns[lemma]
        elif pos[i] == "VERB" and lemma in words.verbs:
            kind = words.verbs[lemma]
        elif pos[i] == "VERB" and lemma in words.with_verbs and _with_someone(doc[i]):
            kind = words.with_verbs[lemma]  # "a delegation discussed proposals with Egyptian officials in Cairo"
        if kind is None:
            continue
        token = doc[i]
        needed = words.context.get(lemma) if kind != words.named.get(lemma) else None
        if needed is not None:
            if context_words is None:
                context_words = set(columns.lower[sent.start : sent.end]) | set(lemmas[sent.start : sent.end])
            if not (needed & (context_words - {lemma, columns.lower[i]})):
                # a noun's context may be the sentence before ("... the talks ended. A second round ..."); a verb's
                # is what it acts on, in its own sentence
                if before is None or pos[i] == "VERB" or not needed & set(lemmas[before.start : before.end]):
                    continue
            if lemma in words.series and _of_something_else(token, needed):
                continue  # "a new round of tariffs", "the latest round of sanctions"
        if kind == "agreement" and pos[i] != "VERB" and not _reached(token, words):
            continue  # "the consensuses reached by the two heads of state" is background, not a new agreement
        if kind in found:
            extra.append((token, kind))
        found.setdefault(kind, token)
    phrased: set[int] = set()
    for phrase, kind in words.phrases.items():
        at = lowered.find(phrase)
        if at < 0:
            continue
        span = char_span(doc, sent.start_char + at, sent.start_char + at + len(phrase))
        if span is None:
            continue
        phrased.update(range(span.start, span.end))
        if kind not in found or found[kind].i not in phrased:
            found[kind] = span.root
    # "the APEC Economic Leaders' Meeting" is a summit, not also a meeting
    found = {k: t for k, t in found.items() if not (t.i in phrased and any(t.i == o.i for ok, o in found.items() if ok != k and ok in _PHRASE_WINS and k not in _PHRASE_WINS))}
    kept = list(found.items())
    pairs = [(t, k) for k, t in kept] + [(t, k) for t, k in extra if k in found and t.i not in phrased]
    return sorted(pairs, key=lambda p: p[0].i)


_PHRASE_WINS = {"summit", "briefing", "call"}


def _ends_name(doc: Doc, i: int, first: int) -> bool:
    """Whether the word at `i` is capitalised and ends a capitalised name of two words or more: "Ministerial
    Conference", "Berlin Conference"; not "a news conference" nor a sentence's first word alone."""
    word = doc[i].text
    if not word[:1].isupper() or word.isupper() or i == first:
        return False
    before = doc[i - 1]
    return before.text[:1].isupper() or before.text[:1].isdigit() and i - 1 > first and doc[i - 2].text[:1].isupper()


def _of_something_else(token: Token, context: frozenset[str]) -> bool:
    """Return True when the noun's "of" complement is not one of its context words: "a round of tariffs"."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            return not any(c.dep_ == "pobj" and (c.lemma_.lower() in context or c.lower_ in context) for c in prep.children)
    return False


def _reached(token: Token, words: EventWords) -> bool:
    """Return True for an agreement noun that is reached or signed in this sentence."""
    head = token.head
    if token.dep_ in ("dobj", "nsubjpass", "attr") and head.lemma_.lower() in words.agreement_verbs:
        return head.i != token.i and not (head.tag_ == "VBN" and head.dep_ == "acl")
    return False
