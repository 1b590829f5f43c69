"""Measures over time: each tariff, suspension, export control, fee or purchase commitment with its states and dates.

Built at read time from the stored events (no table of its own): the steps
their sentences report (`measure_steps`) are grouped into measures by
generic keys, the kind of measure and the root topic of what it acts on
(a suspension of tariffs, port fees), split where the sides that took them
differ; deadlines whose sentences name the same measure are its expiries.
Then each measure's history is walked in date order:

- a suspension (or a measure imposed) runs to the first expiry after it,
  or for its stated period ("a 90-day truce"); a suspension dated only by
  its article and given a period is dated back from its expiry;
- an extension moves the expiry to the next one after the old, which is
  then "moved", no longer scheduled;
- a measure whose expiry passed with no later news is "expired?" on any
  later date: unknown, never silently in force;
- an announcement or a threat does not undo a measure in force.

A step dated only by its article's publication date happened by then: when
an earlier step of the same change exists, it is the same one recalled,
and adds its sentences there.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Connection, select

from talktrack.codec import decode
from talktrack.event_records import ROUND_TYPES, first_day, last_day
from talktrack.labels import Labels
from talktrack.model import Event, Span, TopicMention, stable_id
from talktrack.query.issues import with_ancestors
from talktrack.query.measure_steps import (
    MEASURE_TYPES, Article, Context, Place, Step, by_article, event_steps, mention_steps, reported_rounds, root_topic,
)
from talktrack.query.measure_words import measure_words
from talktrack.query.results import Evidence, Measure, MeasureEntry
from talktrack.store import tables as t
from talktrack.store.changes import settled_latest
from talktrack.store.rows import chunks

# the state a change leaves a measure in
STATES = {"threatened": "threatened", "announced": "announced", "agreed": "in force", "imposed": "in force", "raised": "in force",
          "suspended": "suspended", "extended": "extended", "reduced": "reduced", "removed": "removed", "expired": "expired"}
WEAK = ("threatened", "announced")  # they set a state only where none stands (or a measure has ended)
ENDED = ("removed", "expired")
RUNNING = ("in force", "suspended", "extended", "reduced")  # states an expiry ends
STARTS = ("agreed", "imposed", "suspended")  # changes that start a period, to the next expiry
ORDER = {c: i for i, c in enumerate((  # the order of a day's steps
    "threatened", "announced", "agreed", "imposed", "suspended", "raised", "reduced", "extended", "discussed", "expiry", "removed",
    "expired",
))}


@dataclass(slots=True)
class Draft:
    """A measure being built: its key and its steps."""

    kind: str
    root: str | None
    steps: list[Step] = field(default_factory=list)

    @property
    def sides(self) -> set[str]:
        return {s for step in self.steps if step.change != "discussed" for s in step.sides}

    @property
    def docs(self) -> set[str]:
        return {span.doc_id for step in self.steps for span in step.evidence}

    @property
    def evidence(self) -> list[Span]:
        return [span for step in self.steps for span in step.evidence]


# --- grouping --------------------------------------------------------------------------------------
def group(
    steps: Iterable[Step], parents: dict[str, str | None], countries: Mapping[str, frozenset[str]] | None = None
) -> list[Draft]:
    """Return the measures the steps make: by kind and root topic, split where their sides differ.

    A step whose sides share none with a measure's starts another (tariffs
    one side imposes and those the other does); a step with no side joins
    the measure of its key with the most steps. A step that names no topic
    joins the measure of its kind that shares an article with it, else the
    one of its kind with the most steps. With `countries` (the countries
    each article names), a step joins only a measure whose articles are about
    the same countries (`same_negotiation`): a ceasefire in Colombia and one
    in the Caucasus, or US tariffs on Mexico and on Korea, are two measures.
    """
    countries = countries or {}
    drafts: list[Draft] = []
    ordered = sorted(steps, key=_order)
    rooted = [s for s in ordered if root_topic(s.topic, parents) is not None]
    for step in rooted + [s for s in ordered if root_topic(s.topic, parents) is None]:
        root = root_topic(step.topic, parents)
        same = [d for d in drafts if d.kind == step.kind and (root is None or d.root == root)]
        if root is None:
            docs = {span.doc_id for span in step.evidence}
            same = [d for d in same if d.docs & docs] or same
        if step.sides:
            same = [d for d in same if not d.sides or d.sides & set(step.sides)]
        its = named_in(step.evidence, countries)
        same = [d for d in same if same_negotiation(its, named_in(d.evidence, countries))]
        if same:
            max(same, key=lambda d: len(d.steps)).steps.append(step)
        else:
            drafts.append(Draft(step.kind, root, [step]))
    return drafts


def named_in(spans: Iterable[Span], countries: Mapping[str, frozenset[str]]) -> frozenset[str]:
    """Return the countries the articles of `spans` name."""
    return frozenset().union(*(countries.get(span.doc_id, frozenset()) for span in spans))


def same_negotiation(a: frozenset[str], b: frozenset[str]) -> bool:
    """Return True when two sets of named countries may be one negotiation's: they share two (or all of the smaller
    set, when it has fewer); an article naming none goes with any."""
    return not a or not b or len(a & b) >= min(2, len(a), len(b))


def merge_steps(steps: list[Step]) -> list[Step]:
    """Return a measure's steps with the repeats folded into one, in order.

    The same change on the same date (one sentence in a copy, or in another
    article) is one step. A change dated only by its article (or not at
    all) is an earlier step of the same change, recalled, when there is one
    by its article's date.
    """
    out: list[Step] = []
    for step in sorted(steps, key=_order):
        same = next((s for s in out if s.change == step.change and s.date == step.date and s.about == step.about), None)
        if same is None and step.change in STATES and step.change not in WEAK and not step.stated:
            by = step.published or step.date or ""
            same = next((s for s in out if s.change == step.change and s.date is not None and s.date[:len(by)] <= by), None)
        if same is None:
            out.append(step)
            continue
        same.evidence.extend(span for span in step.evidence if span not in same.evidence)
        same.sides = tuple(sorted(set(same.sides) | set(step.sides)))
        same.topics |= step.topics
        if step.stated and (not same.stated or step.event_basis == "text"):  # the surest dating its sentences give
            same.event_basis = step.event_basis
        same.basis = "text" if step.stated else same.basis
        same.confidence = max((c for c in (same.confidence, step.confidence) if c is not None), default=None)
        same.days = same.days or step.days
        same.note = same.note or step.note
        same.event_id = same.event_id or step.event_id
    return sorted(out, key=_order)


def _order(step: Step) -> tuple[bool, str, int, str]:
    return step.date is None, step.date or "", ORDER.get(step.change, 99), step.event_id or ""


# --- the history ---------------------------------------------------------------------------------
@dataclass(slots=True)
class Walked:
    """A step with what the walk gave it: the expiry it runs to and the one it moved."""

    step: Step
    expiry: str | None = None
    expiry_stated: bool = True
    previous: str | None = None


def _shift(value: str | None, days: int) -> str | None:
    """Return a day `days` after (before, when negative) a full date; None for a partial date or none."""
    day = first_day(value) if value and len(value) == 10 else None
    return (day + timedelta(days=days)).isoformat() if day else None


def walk(steps: list[Step]) -> list[Walked]:
    """Return the steps in date order with the expiry each runs to; date back a period's start from its expiry.

    A period starts at a suspension (or an agreed or imposed measure) and
    runs to the first expiry after it, else for its days; an extension runs
    to the first expiry after the one it extends, else that one plus its days.
    """
    expiries = sorted({s.date for s in steps if s.change == "expiry" and s.date})
    if not any(s.change in STATES and s.change not in WEAK for s in steps) and expiries:
        steps = [*steps, _implied(steps)]  # "the truce expires on August 12": a truce stands
    out = []
    current: str | None = None
    for step in sorted(steps, key=_order):
        w = Walked(step, current)
        if step.change in STARTS:
            w.expiry = _after(expiries, step.date or step.published)
            if w.expiry is None and step.days and step.date:
                w.expiry, w.expiry_stated = _shift(step.date, step.days), False
            elif w.expiry is not None and step.days and not step.stated:  # "a 90-day truce" agreed by the article's date
                step.date, step.basis = _shift(w.expiry, -step.days) or step.date, "period"
        elif step.change == "extended":
            w.previous = current
            w.expiry = _after(expiries, max(current or "", step.date or ""))
            if w.expiry is None and step.days and current:
                w.expiry, w.expiry_stated = _shift(current, step.days), False
        elif step.change in ENDED:
            w.expiry = None
        elif step.change in ("expiry", "discussed") or step.change in WEAK:
            w.expiry = step.date if step.change == "expiry" else current
            out.append(w)
            continue
        current = w.expiry
        out.append(w)
    return sorted(out, key=lambda w: _order(w.step))


def _implied(steps: list[Step]) -> Step:
    first = min((s for s in steps if s.change == "expiry"), key=lambda s: (s.published or "9999", s.date or ""))
    change = "suspended" if first.kind == "suspension" else "imposed"
    return Step(first.kind, change, first.published, by_article(first.published), list(first.evidence), first.topic, first.named,
                set(first.topics), first.sides, first.event_id, first.days, published=first.published,
                note="in place by then: its expiry is reported", confidence=first.confidence)


def _after(expiries: list[str], value: str | None) -> str | None:
    return next((x for x in expiries if value and x > value), None)


def _until(value: str | None, on: date) -> bool:
    """Whether a (possibly partial) date has begun by `on`."""
    first = first_day(value)
    return first is not None and first <= on


def state_on(walked: list[Walked], on: date) -> tuple[Walked | None, str | None]:
    """Return the step whose state stands on a date, and that state.

    A running measure whose expiry is before `on` is "expired?" unless a
    step says it expired: a deadline that passed without news is unknown,
    not in force.
    """
    found: Walked | None = None
    for w in walked:
        step = w.step
        if step.change not in STATES or not _until(step.date, on):
            continue
        if step.change in WEAK and found is not None and STATES[found.step.change] not in (*WEAK, *ENDED):
            continue
        found = w
    if found is None:
        return None, None
    state, end = STATES[found.step.change], last_day(found.expiry)
    if state in RUNNING and end is not None and end < on:
        return found, "expired?"
    return found, state


def _expiry_status(w: Walked, walked: list[Walked], on: date) -> tuple[str, str | None]:
    """Return what became of an expiry by `on` and where it moved: scheduled, moved, expired, expired? or passed."""
    x = w.step.date
    moved = next((o for o in walked if o.step.change == "extended" and o.previous == x and o.expiry != x and _until(o.step.date, on)), None)
    if moved is not None:
        return "moved", moved.expiry
    end = last_day(x)
    if end is None or end >= on:
        return "scheduled", None
    if any(o.step.change == "expired" and _until(o.step.date, on) and (o.step.date or "") >= (x or "") for o in walked):
        return "expired", None
    ends = [o for o in walked if o.step.change in STATES and o.step.change not in WEAK and _until(o.step.date, on)]
    return ("expired?" if ends and ends[-1].expiry == x else "passed"), None


def entries(walked: list[Walked], on: date, articles: dict[str, Article]) -> list[MeasureEntry]:
    """Return a measure's history as entries, each with its sentences and what it stands for on `on`."""
    out = []
    for w in walked:
        s = w.step
        moved_to = None
        if s.change == "expiry":
            status, moved_to = _expiry_status(w, walked, on)
        elif s.change == "discussed":
            status = "discussed"
        else:
            status = "scheduled" if s.scheduled and not _until(s.date, on) else "occurred"
        keeps = s.change in STATES
        expiry = w.expiry if keeps and s.change not in WEAK or s.change == "expiry" else None
        out.append(MeasureEntry(
            date=s.date, date_stated=s.shown_basis == "text", date_basis=s.shown_basis, change=s.change,
            summary=summary(s, status, expiry, w.previous, moved_to), state=STATES[s.change] if keeps else None, status=status,
            expiry=expiry, expiry_stated=w.expiry_stated or s.change == "expiry", previous_expiry=w.previous, moved_to=moved_to,
            about=s.about, sides=list(s.sides), event_id=s.event_id, note=s.note, evidence=_evidence(s.evidence, articles),
            confidence=s.confidence,
        ))
    return out


NOUNS = {"extended": "extension", "suspended": "suspension", "imposed": "imposition", "removed": "removal", "raised": "raise",
         "reduced": "reduction", "agreed": "agreement", "expired": "expiry"}


def summary(step: Step, status: str, expiry: str | None, previous: str | None, moved_to: str | None) -> str:
    """Return what a step did, in words: "extended: expiry 2029-08-16 moved to 2029-11-14", "extension discussed"."""
    if step.change == "expiry":
        return f"expiry: moved to {moved_to}" if moved_to else f"expiry: {status}"
    if step.change == "discussed":
        return f"{NOUNS.get(step.about or '', step.about or 'change')} discussed" + (f" {step.note}" if step.note else "")
    if step.change == "announced":
        return f"announced: {step.about or 'a change'}" + (f", {step.note}" if step.note else "")
    if step.change == "extended":
        to = expiry or "a date not given"
        return f"extended: expiry {previous} moved to {to}" if previous else f"extended to {to}"
    return step.change + (f", to {expiry}" if expiry and step.change in STARTS else "") + (f" ({step.note})" if step.note else "")


def _evidence(spans: list[Span], articles: dict[str, Article]) -> list[Evidence]:
    out = []
    for span in spans:
        a = articles.get(span.doc_id)
        if a is not None:
            sentence = a.text[span.start : span.end]
            out.append(Evidence(span.doc_id, span.start, span.end, sentence, span.start, span.end, a.title, a.outlet, a.published))
    return out


# --- the measures ----------------------------------------------------------------------------------
def _topic(draft: Draft, steps: list[Step], parents: dict[str, str | None]) -> str | None:
    """Return what a measure acts on: the most specific topic its steps name for it, a truce's own words last."""
    named = Counter(s.topic for s in steps if s.topic and not s.named)
    if not named:
        return draft.root
    return max(named, key=lambda t: (len(with_ancestors([t], parents)), named[t], t))


def measure_of(draft: Draft, ctx: Context, named: Labels, on: date, on_text: str) -> Measure | None:
    """Return the measure a draft makes, with its state on `on`; None when its steps only discuss one."""
    steps = merge_steps(draft.steps)
    if all(s.change == "discussed" for s in steps):
        return None
    parents = {t.id: t.parent for t in named.topics.values()}
    walked = walk(steps)
    steps = [w.step for w in walked]
    topic = _topic(draft, steps, parents)
    sides = sorted({side for s in steps if s.change != "discussed" for side in s.sides})
    label = ctx.vocab.label(draft.kind)
    standing, state = state_on(walked, on)
    lapsed = state == "expired?" and standing is not None
    since = (standing.expiry if lapsed else standing.step.date) if standing is not None else None
    stated = (standing.expiry_stated if lapsed else standing.step.shown_basis == "text") if standing is not None else False
    return Measure(
        id=stable_id("measure", draft.kind, draft.root or "", ",".join(sides)), kind=draft.kind,
        name=f"{label}: {named.topic(topic)}" if topic else label, topic=topic,
        topics=sorted(with_ancestors((s.topic for s in steps if s.topic), parents)), sides=sides,
        on=on_text, state=state, since=since, since_stated=stated, expiry=standing.expiry if standing else None,
        expiry_stated=standing.expiry_stated if standing else False, history=entries(walked, on, ctx.articles),
        confidence=standing.step.confidence if standing else None,
    )


def build_measures(events: list[Event], ctx: Context, named: Labels, on: str) -> list[Measure]:
    """Return every measure the events make, with its state on `on` (a date; a month or a year: its last day).

    `named` gives the topics' labels and parents (the record's topics) and
    names the rounds that dated a discussion.
    """
    day = last_day(on)
    if day is None:
        raise ValueError(f"not a date: {on!r}")
    parents = {t.id: t.parent for t in named.topics.values()}
    steps = [step for event in events for step in event_steps(event, ctx)]
    countries = {doc: frozenset(p.side for p in found) for doc, found in ctx.places.items()}
    drafts = group(steps, parents, countries)
    roots: dict[str, set[str]] = {}
    for d in drafts:
        if d.root:
            roots.setdefault(d.kind, set()).add(d.root)
    cited: dict[str, list[tuple[int, int]]] = {}
    for span in (span for s in steps for span in s.evidence):
        cited.setdefault(span.doc_id, []).append((span.start, span.end))
    rounds = {e.id: named.event(e) for e in events}
    for doc_id in sorted({s.doc_id for e in events if e.type in ROUND_TYPES for s in e.evidence}):
        article = ctx.articles.get(doc_id)
        held = reported_rounds(events, article) if article is not None else []
        for step in mention_steps(ctx, doc_id, roots, parents, cited.get(doc_id, []), held, rounds):
            its = named_in(step.evidence, countries)
            same = [d for d in drafts if d.kind == step.kind and d.root == root_topic(step.topic, parents)
                    and same_negotiation(its, named_in(d.evidence, countries))]
            if same:
                max(same, key=lambda d: len(d.steps)).steps.append(step)
    measures = [m for d in drafts if (m := measure_of(d, ctx, named, day, on)) is not None]
    return sorted(measures, key=lambda m: (m.history[0].date or "9999", m.name, m.id))


# --- from the store ------------------------------------------------------------------------------
def read_measures(conn: Connection, named: Labels, on: str | None = None) -> list[Measure]:
    """Return the measures of a store with their state on `on` (default: its latest publication date, else today).

    Reads the events of the types that make measures, the rounds whose
    topics fall under theirs (they date what was discussed), and the
    articles (with their headlines, captions and direct quotes), topic
    mentions and countries of both.
    """
    on = on or settled_latest(conn) or date.today().isoformat()
    events = [decode(Event, r) for r in conn.scalars(select(t.events.c.record).where(t.events.c.type.in_(MEASURE_TYPES)))]
    parents = {x.id: x.parent for x in named.topics.values()}
    roots = {root_topic(x, parents) for e in events for x in e.topics}
    under = [x for x in parents if root_topic(x, parents) in roots]
    held = select(t.event_topics.c.event_id).where(t.event_topics.c.topic.in_(under))
    query = select(t.events.c.record).where(t.events.c.type.in_(ROUND_TYPES), t.events.c.id.in_(held))
    events += [decode(Event, r) for r in conn.scalars(query)]
    docs = sorted({s.doc_id for e in events for s in e.evidence})
    articles: dict[str, Article] = {}
    topics: dict[str, list[TopicMention]] = {}
    places: dict[str, list[Place]] = {}
    for part in chunks(docs):
        st = t.statements.c
        quotes: dict[str, list[tuple[int, int]]] = {}
        for r in conn.execute(select(st.doc_id, st.start, st.end).where(st.doc_id.in_(part), st.kind == "direct")):
            quotes.setdefault(r.doc_id, []).append((r.start, r.end))
        d = t.documents.c
        for r in conn.execute(select(d.id, d.text, d.published, d.title, d.outlet, d.sections).where(d.id.in_(part))):
            tops = [(x["start"], x["end"]) for x in r.sections if x.get("kind") in ("headline", "caption")]
            articles[r.id] = Article(r.id, r.text, r.published, r.title, r.outlet, tuple(tops + quotes.get(r.id, [])))
        m = t.topic_mentions.c
        for r in conn.execute(select(m.doc_id, m.start, m.end, m.topic).where(m.doc_id.in_(part)).order_by(m.doc_id, m.start)):
            topics.setdefault(r.doc_id, []).append(TopicMention(r.doc_id, r.start, r.end, r.topic))
        c = t.mentions.c
        query = select(c.doc_id, c.start, c.end, c.country).where(c.doc_id.in_(part), c.type == "country", c.country.is_not(None))
        for r in conn.execute(query.order_by(c.doc_id, c.start)):
            places.setdefault(r.doc_id, []).append(Place(r.doc_id, r.start, r.end, r.country))
    return build_measures(events, Context(articles, topics, places, measure_words()), named, on)
