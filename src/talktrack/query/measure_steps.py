"""What each sentence of a stored event says a measure went through: the steps of measures' histories.

An event of type measure, agreement, threat or deadline keeps whole
sentences as evidence, and a merged event may hold sentences about
different things ("agreed to extend the truce"; "agreed to buy wheat").
Each sentence is read on its own: the event's word is found again in it
(`measure_words`), the words around that word say what kind of measure it
acts on and the topic mention nearest them names its object. A sentence
whose words name no kind of measure gives no step.

Sentences that no event cites but that name a change to a measure next to
its object ("the extension of the suspension of reciprocal tariffs") in an
article reporting a round are steps too: the change was discussed, dated
by that round.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta

from talktrack.event_records import ROUND_TYPES, first_day, last_day
from talktrack.model import Event, Span, TopicMention
from talktrack.query.evidence import sentence_bounds
from talktrack.query.measure_words import (
    AGREEMENT_WINDOW, WINDOW, Hit, KindHit, MeasureWords, Word, change_near, days_near, find, first_kind_near, hedged,
    kind_near, only_kind, words_of,
)

# what an event's action does to a measure, as a step of its history
ACTIONS = {"imposed": "imposed", "suspended": "suspended", "extended": "extended", "lifted": "removed", "raised": "raised",
           "cut": "reduced", "expired": "expired"}
MEASURE_TYPES = ("measure", "agreement", "threat", "deadline")


@dataclass(frozen=True, slots=True)
class Article:
    """What a step needs of a stored document: its text, its date and how to name it."""

    id: str
    text: str
    published: str | None = None
    title: str | None = None
    outlet: str | None = None
    quiet: tuple[tuple[int, int], ...] = ()  # headlines, captions and direct quotes: no discussion is read from them

    def in_quiet(self, start: int) -> bool:
        """Whether a character lies in a headline, a caption or a direct quote."""
        return any(a <= start < b for a, b in self.quiet)


@dataclass(frozen=True, slots=True)
class Place:
    """A country the text names, at its characters: who took a measure ("Ostrevia would halve its port fees")."""

    doc_id: str
    start: int
    end: int
    side: str


@dataclass(slots=True)
class Step:
    """One step of a measure's history, as one or more sentences report it."""

    kind: str  # suspension, tariff, fee ... (data/measures.yaml)
    change: str  # threatened, announced, agreed, imposed, suspended, extended, raised, reduced, removed, expired, expiry, discussed
    date: str | None
    basis: str  # how it is dated: text (the sentence's date), published (its article's), round (that discussed it), period, none
    evidence: list[Span]
    topic: str | None = None  # the measure's object: the topic named nearest its kind's word
    named: bool = False  # the topic's own words name the kind ("tariff truce"): a weaker name for the measure
    topics: set[str] = field(default_factory=set)
    sides: tuple[str, ...] = ()
    event_id: str | None = None
    days: int | None = None  # the period it runs: "a 90-day truce", "extended by 90 days"
    about: str | None = None  # what a discussed or announced step speaks of ("extended")
    published: str | None = None  # when its first article came out
    note: str | None = None  # "at Talks in Kuala Lumpur"
    scheduled: bool = False  # due on its date, as an article before it says
    event_basis: str | None = None  # for a step dated by its event: how the event's date was reached (model.DateBasis)
    confidence: float | None = None  # that of the event it is read from, or of the round that dated a discussion

    @property
    def stated(self) -> bool:
        """Whether the step is dated by its own sentence (its event's date); else by its article, a round or a period."""
        return self.basis == "text"

    @property
    def shown_basis(self) -> str:
        """Return how the step's date was reached, as the record says it: its event's basis where it is dated by its
        event ("weekday": a weekday the event's sentence names), else how the history dated it."""
        return (self.event_basis or "text") if self.stated else self.basis


@dataclass(frozen=True, slots=True)
class Context:
    """What the steps of a store are read against: articles, topic mentions and countries by document, the vocabulary."""

    articles: dict[str, Article]
    topics: dict[str, list[TopicMention]]
    places: dict[str, list[Place]]
    vocab: MeasureWords


def by_article(published: str | None) -> str:
    """Return how a step dated by its article's publication date is dated: "published", or "none" when the article has no date."""
    return "published" if published else "none"


def _sentence(ctx: Context, span: Span) -> tuple[Article, int, int, list[Word]] | None:
    """Return the sentence an event cites (its span, the extractor's sentence, less outer spaces) and its words."""
    article = ctx.articles.get(span.doc_id)
    if article is None:
        return None
    a, b = max(span.start, 0), min(span.end, len(article.text))
    while a < b and article.text[a].isspace():
        a += 1
    while b > a and article.text[b - 1].isspace():
        b -= 1
    return article, a, b, words_of(article.text[a:b], a)


def _anchors(event: Event, vocab: MeasureWords) -> list[tuple[str | None, tuple[tuple[str, ...], ...], int]]:
    """Return the words to look for an event's word by, best first, each with the action it implies and its reach."""
    out: list[tuple[str | None, tuple[tuple[str, ...], ...], int]] = []
    if event.action and event.action in vocab.changes:
        out.append((event.action, vocab.changes[event.action], WINDOW))
    out.append((None, vocab.types.get(event.type, ()), AGREEMENT_WINDOW if event.type == "agreement" else WINDOW))
    if event.type == "measure":
        out.extend((action, words, WINDOW) for action, words in vocab.changes.items() if action != event.action)
    return out


def _read(event: Event, words: list[Word], vocab: MeasureWords, alone: bool) -> tuple[str | None, Hit, KindHit] | None:
    """Return the action, the event's word and the kind of measure near it in one sentence; None when it names none.

    Of the words of the first group that names a kind anywhere (the event's
    action, then its type), the one with a kind nearest wins: "warned ...
    purchases ... could result in steep tariffs" threatens tariffs. A
    deadline ends a period: a suspension its sentence names anywhere is the
    one it ends. `alone`: the sentence is the event's only one, so a kind
    named anywhere in it is the event's; so is the one kind a deadline's
    sentence names ("the visit comes as the truce ... approaches its new
    expiry date").
    """
    first: tuple[str | None, Hit] | None = None
    for action, patterns, reach in _anchors(event, vocab):
        hits = find(words, patterns)
        first = first or next(((action, hit) for hit in hits), None)
        if event.type == "deadline" and hits and (period := first_kind_near(vocab, words, hits[0])) is not None:
            return action, hits[0], period
        found = [(kind.rank, i, action, hit, kind) for i, hit in enumerate(hits) if (kind := kind_near(vocab, words, hit, reach))]
        if found:
            _, _, action, hit, kind = min(found, key=lambda f: (f[0], f[1]))
            return action, hit, kind
    whole = only_kind(vocab, words) if (first is not None and event.type == "deadline") or alone else None
    if whole is None:
        return None
    action, hit = first if first is not None else (event.action, whole.hit)
    return action, hit, whole


def _change(event: Event, action: str | None, kind: str) -> str:
    if event.type == "deadline":
        return "expired" if event.action == "expired" and event.status == "occurred" else "expiry"
    if event.type == "threat":
        return "threatened"
    if action is not None:
        return ACTIONS.get(action, action)
    return "suspended" if kind == "suspension" else "agreed"


def reach(words: list[Word], anchor: Hit) -> tuple[int, int]:
    """Return the characters within reach of an event's word: `WINDOW` words either side."""
    return words[max(anchor.first - WINDOW, 0)].start, words[min(anchor.last + WINDOW, len(words) - 1)].end


def _object(ctx: Context, doc_id: str, words: list[Word], anchor: Hit, kind_hit: Hit) -> tuple[str | None, bool, set[str]]:
    """Return the topic named nearest the kind's word within reach of the anchor, whether its words hold the
    kind's, and all topics in reach.

    "the suspension of their additional tariffs": tariffs; "a 90-day tariff truce": the truce's own topic,
    whose words name the kind.
    """
    lo, hi = reach(words, anchor)
    near = [m for m in ctx.topics.get(doc_id, []) if lo <= m.start and m.end <= hi]
    if not near:
        return None, False, set()

    def overlaps(m: TopicMention) -> bool:
        return m.start < kind_hit.end and kind_hit.start < m.end

    def distance(m: TopicMention) -> tuple[int, int]:
        if overlaps(m):
            return 0, 0
        return (m.start - kind_hit.end, 0) if m.start >= kind_hit.end else (kind_hit.start - m.end, 1)

    best = min(near, key=distance)
    return best.topic, overlaps(best), {m.topic for m in near}


def _sides(ctx: Context, event: Event, doc_id: str, a: int, b: int, anchor: Hit) -> tuple[str, ...]:
    """Return who took the step: the event's participants named in the sentence, else its leads (who threatened),
    else the country named last before its word.

    Countries joined by "and" count together: "Ostrevia and Valdoria agreed to extend ...".
    """
    named = [p for p in event.participants if p.side and p.mention and p.mention.doc_id == doc_id and a <= p.mention.start < b]
    named = named or [p for p in event.participants if p.side and p.role == "lead"]
    if named:
        return tuple(sorted({p.side for p in named if p.side}))
    before = [c for c in ctx.places.get(doc_id, []) if a <= c.start and c.end <= anchor.start]
    if not before:
        return ()
    text = ctx.articles[doc_id].text
    chosen = [before[-1]]
    for c in reversed(before[:-1]):
        if text[c.end : chosen[-1].start].strip(" ,").lower() not in ("and", "", "&"):
            break
        chosen.append(c)
    return tuple(sorted({c.side for c in chosen}))


def event_steps(event: Event, ctx: Context) -> Iterator[Step]:
    """Yield the steps each sentence of `event` reports; a scheduled change gives its announcement too."""
    if event.type not in MEASURE_TYPES:
        return
    seen: set[tuple[str, int]] = set()
    for span in event.evidence:
        read = _sentence(ctx, span)
        if read is None:
            continue
        article, a, b, words = read
        if (article.id, a) in seen or not words:
            continue
        seen.add((article.id, a))
        found = _read(event, words, ctx.vocab, alone=len(event.evidence) == 1)
        if found is None:
            continue
        action, anchor, near = found
        kind = near.kind
        change = _change(event, action, kind)
        topic, named, topics = _object(ctx, article.id, words, anchor, near.hit)
        named = named and kind == ctx.vocab.kinds[0][0]  # "tariff truce" names the truce; "port fees" the fees themselves
        lo, hi = reach(words, anchor)
        step = Step(
            kind=kind, change=change, date=event.start, basis="text" if event.start else "none", evidence=[Span(article.id, a, b)],
            topic=topic, named=named, topics=topics, sides=_sides(ctx, event, article.id, a, b, anchor), event_id=event.id,
            days=days_near(article.text[lo:hi]), published=article.published, event_basis=event.start_basis, confidence=event.confidence,
        )
        if change not in ("expiry", "expired", "threatened") and (event.status == "proposed" or hedged(ctx.vocab, words, anchor, article.text)):
            step.about = change_near(ctx.vocab, words, anchor, kind) or change
            step.change = "discussed"
            step.date, step.basis = (step.date, "text") if step.date else (article.published, by_article(article.published))
            yield step
            continue
        if step.change in ("expiry", "expired"):
            yield step
            continue
        due = event.status == "scheduled" or (event.start is not None and article.published is not None and event.start > article.published)
        if due:
            yield Step(kind, "announced", article.published, by_article(article.published), list(step.evidence), topic, named,
                       set(topics), step.sides, event.id, step.days, change, article.published,
                       f"due {event.start}" if event.start else None, confidence=event.confidence)
            step.scheduled = True
            if step.date is None and step.days is None:
                continue  # announced for no known day: the announcement says all there is
        elif step.date is None:
            step.date, step.basis = article.published, by_article(article.published)
        yield step


def mention_steps(
    ctx: Context, doc_id: str, roots: dict[str, set[str]], parents: dict[str, str | None], cited: list[tuple[int, int]],
    rounds: list[Event], labels: dict[str, str],
) -> Iterator[Step]:
    """Yield the changes to measures that sentences of an article discuss without an event citing them.

    `roots` maps each kind of measure to the root topics of the store's
    measures of that kind. A sentence with a change's word ("extension")
    within reach of a kind's word ("suspension") whose nearest topic is
    under one of those roots ("reciprocal tariffs") is such a sentence; a
    kind's own word is no change ("suspension" is the measure); nor is a
    word in a headline (it sums up what the body reports) or a direct quote
    ("Raising tariffs has never settled a trade dispute," she said).
    `cited` holds the stretches of the article events already cite;
    `rounds` the rounds the article reports (`reported_rounds`): the one
    citing the sentence, else the first, dates the discussion; `labels`
    name them.
    """
    article = ctx.articles.get(doc_id)
    if article is None:
        return
    changes = [(ACTIONS.get(c, c), patterns) for c, patterns in ctx.vocab.changes.items()]
    for a in sorted({sentence_bounds(article.text, m.start, m.end)[0] for m in ctx.topics.get(doc_id, [])}):
        b = sentence_bounds(article.text, a, a + 1)[1]
        if any(start < b and a < end for start, end in cited):
            continue
        words = words_of(article.text[a:b], a)
        found = [
            (near.rank, hit.first, change, hit, near) for change, patterns in changes for hit in find(words, patterns)
            if not article.in_quiet(hit.start) and (near := kind_near(ctx.vocab, words, hit)) is not None
            and not (near.hit.first <= hit.first and hit.last <= near.hit.last)
        ]
        if not found:
            continue
        _, _, about, anchor, near = min(found, key=lambda f: (f[0], f[1]))
        topic, named, topics = _object(ctx, doc_id, words, anchor, near.hit)
        named = named and near.kind == ctx.vocab.kinds[0][0]
        if root_topic(topic, parents) not in roots.get(near.kind, set()):
            continue
        step = Step(near.kind, "discussed", article.published, by_article(article.published), [Span(doc_id, a, b)], topic,
                    named, topics, about=about, published=article.published)
        held = next((r for r in rounds if any(s.doc_id == doc_id and a <= s.start < b for s in r.evidence)), None)
        held = held or (rounds[0] if rounds else None)
        if held is not None and held.start:
            step.date, step.basis, step.event_id, step.note = held.start, "round", held.id, f"at {labels.get(held.id, held.type)}"
            step.confidence = held.confidence
        yield step


REPORTED_DAYS = 7  # a round that ended more than a week before an article is recalled there, not reported


def reported_rounds(events: Iterable[Event], article: Article) -> list[Event]:
    """Return the rounds an article reports: dated, over, ended within `REPORTED_DAYS` of its publication; most cited first."""
    out = []
    published = first_day(article.published)
    for e in events:
        if e.type not in ROUND_TYPES or e.status != "occurred" or not any(s.doc_id == article.id for s in e.evidence):
            continue
        end = last_day(e.end or e.start)
        if published is None or end is None or not timedelta(0) <= published - end <= timedelta(days=REPORTED_DAYS):
            continue
        out.append(e)
    return sorted(out, key=lambda e: (-sum(1 for s in e.evidence if s.doc_id == article.id), e.start or "", e.id))


def root_topic(topic: str | None, parents: dict[str, str | None]) -> str | None:
    """Return the topic at the top of `topic`'s lineage ("tariffs" for "reciprocal_tariffs")."""
    seen: set[str] = set()
    while topic is not None and parents.get(topic) and topic not in seen:
        seen.add(topic)
        topic = parents[topic]
    return topic

