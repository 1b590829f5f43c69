"""Roles over time: who held a title when, and the one person a speaker named only by a role stands for.

A person an article names with a title ("Foreign Ministry spokesperson Guo
Jiakun") holds that role on the article's publication date. A tenure is one
person in one role on one side, from the first such article to the last;
the mentions are its evidence. Nothing is stored for it: it is read from the
stored mentions whenever it is asked for, so every ingest updates it.

A statement whose speaker is only a role ("a Foreign Ministry spokesperson
said", no name) is shown with the person who held that role on the
statement's date (its article's publication date when the sentence gives
none) when the store knows exactly one, marked as inferred. A holder counts
from `MARGIN` before the first article naming them with the role to `MARGIN`
after the last. Two such holders (spokespeople take turns; a ministry has
several), or none: the speaker stays the role. So does a title many hold at
once (data/titles.yaml `shared_heads`: "a senior official"), and a bare title
named indefinitely or without a side ("an official", "the president" of no
known side).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from sqlalchemy import Connection, Text, bindparam, cast, func, or_, select

from talktrack.codec import decode
from talktrack.event_records import first_day, last_day
from talktrack.gazetteer import Gazetteer
from talktrack.model import Span, Title
from talktrack.query.results import Quote, RoleTenure
from talktrack.query.role_words import Role, RoleReader
from talktrack.store import tables as t
from talktrack.store.rows import chunks

MARGIN = timedelta(days=90)  # a holder counts this long before their first article in the role and after their last


@dataclass(frozen=True, slots=True)
class Said:
    """A statement that may have only a role for a speaker: its id, the speaker's words, side and date."""

    id: str
    words: str
    side: str | None
    date: str | None


@dataclass(slots=True)
class Held:
    """One person in one role on one side, with the articles that name them so."""

    words: frozenset[str]
    side: str | None
    holder_id: str
    holder: str
    first: date
    last: date
    spans: set[Span] = field(default_factory=set)
    forms: Counter[str] = field(default_factory=Counter)  # the role as the articles write it

    def covers(self, when: str | None) -> bool:
        """Return True when the whole of the (possibly partial) date `when` lies in the holder's time, margins included."""
        a, b = first_day(when), last_day(when)
        return a is not None and b is not None and self.first - MARGIN <= a and b <= self.last + MARGIN


def role_reader(conn: Connection, gaz: Gazetteer) -> RoleReader:
    """Return a reader of roles that knows the gazetteer's sides and title words and the countries the store names."""
    e = t.entities.c
    sides: dict[str, str] = {}
    for r in conn.execute(select(e.name, e.aliases, e.country).where(e.type == "country", e.country.is_not(None))):
        sides.update({n: r.country for n in (r.name, *r.aliases)})
    return RoleReader(gaz, sides)


def held_roles(conn: Connection, reader: RoleReader, heads: Iterable[str] | None = None) -> list[Held]:
    """Return every person's tenures from the titled mentions of dated articles; with `heads`, only roles with those title words."""
    m, d, e = t.mentions.c, t.documents.c, t.entities.c
    titles = func.lower(cast(m.titles, Text))
    query = (
        select(m.entity_id, m.doc_id, m.start, m.end, m.titles, m.country, d.published, e.name, e.country.label("side"))
        .join(t.documents, d.id == m.doc_id)
        .join(t.entities, e.id == m.entity_id)
        .where(e.type == "person", d.published.is_not(None), func.length(titles) > 2)  # "[]": no title
    )
    if heads is not None:  # the people with such a title first (a row each), then their mentions (by the index)
        wanted = set(heads)
        forms = wanted | {form for form, first in reader.gaz.role_forms.items() if first in wanted}
        titled = func.lower(cast(e.titles, Text))
        people = select(e.id).where(e.type == "person", or_(*(titled.contains(f, autoescape=True) for f in sorted(forms))))
        query = query.where(m.entity_id.in_(people))
    out: dict[tuple[frozenset[str], str | None, str], Held] = {}
    for row in conn.execute(query.order_by(d.published, m.doc_id, m.start)):
        first, last = first_day(row.published), last_day(row.published)
        if first is None or last is None:
            continue
        for title in (decode(Title, x) for x in row.titles):
            role = reader.read(title.title + (f" for {title.organization}" if title.organization else ""), trusted=True)
            if role is None:
                continue
            side = row.side or row.country
            held = out.get((role.words, side, row.entity_id))
            if held is None:
                held = out[(role.words, side, row.entity_id)] = Held(role.words, side, row.entity_id, row.name, first, last)
            held.first, held.last = min(held.first, first), max(held.last, last)
            held.spans.add(Span(row.doc_id, row.start, row.end))
            held.forms[title.title + (f", {title.organization}" if title.organization else "")] += 1
    return list(out.values())


def tenures(conn: Connection, gaz: Gazetteer, role: str | None = None, side: str | None = None) -> list[RoleTenure]:
    """Return the tenures by role, then date: those whose role has all the words of `role` (and its side), on side `side`."""
    reader = role_reader(conn, gaz)
    held = held_roles(conn, reader)
    forms: dict[frozenset[str], Counter[str]] = defaultdict(Counter)
    for h in held:
        forms[h.words].update(h.forms)
    label = {words: min(c, key=lambda form: (-c[form], form)) for words, c in forms.items()}  # the commonest form
    if role:
        words, named = reader.words(role)
        held = [h for h in held if words <= h.words and (named is None or h.side == named)]
    if side:
        held = [h for h in held if h.side == side]
    rows = [
        RoleTenure(label[h.words], h.side, h.holder_id, h.holder, h.first.isoformat(), h.last.isoformat(),
                   len({s.doc_id for s in h.spans}), sorted(h.spans, key=lambda s: (s.doc_id, s.start)))
        for h in held
    ]
    return sorted(rows, key=lambda r: (r.role.lower(), r.side or "", r.first, r.holder, r.holder_id))


def _identifies(role: Role, side: str | None, reader: RoleReader) -> bool:
    """Return True when a role could name one person: not a title many hold at once, and more than a bare title said indefinitely."""
    if role.head in reader.gaz.shared_heads:
        return False
    return len(role.words) > 1 or (role.definite and side is not None)


def holders(conn: Connection, gaz: Gazetteer, said: Iterable[Said]) -> dict[str, Held]:
    """Return, for each statement id, the one person who held its speaker's role on its date; statements with none or several are left out."""
    sideless = RoleReader(gaz, {})
    said = [s for s in said if s.date and sideless.read(s.words) is not None]  # a title word at all: no query yet
    if not said:
        return {}
    reader = role_reader(conn, gaz)
    wanted: dict[str, tuple[Role, Said]] = {}
    for s in said:
        role = reader.read(s.words)
        if role is not None and _identifies(role, s.side or role.side, reader):
            wanted[s.id] = (role, s)
    if not wanted:
        return {}
    by_words: dict[frozenset[str], list[Held]] = defaultdict(list)
    for h in held_roles(conn, reader, {role.head for role, _ in wanted.values()}):
        by_words[h.words].append(h)
    out = {}
    for sid, (role, s) in wanted.items():
        side = s.side or role.side
        found = [h for h in by_words.get(role.words, []) if (side is None or h.side in (None, side)) and h.covers(s.date)]
        if len({h.holder_id for h in found}) == 1:
            out[sid] = found[0]
    return out


def role_only(conn: Connection, ids: Iterable[str] | None = None) -> list[Said]:
    """Return the statements whose speaker may be only a role: those with no speaker entity, and those tied to an organization.

    The text's words for a speaker tied to an organization ("a spokeswoman for
    the Foreign Ministry" is the ministry's) are those the article gave. With
    `ids`, only those statements, and only the ones tied to an organization.
    """
    s, d, e = t.statements.c, t.documents.c, t.entities.c
    when = func.coalesce(s.date, d.published).label("when")
    tied = (
        select(s.id, s.written_speaker, s.speaker_side, when).join(t.documents, d.id == s.doc_id)
        .where(s.speaker_id.in_(select(e.id).where(e.type == "organization")))
    )
    if ids is not None:
        some = tied.where(s.id.in_(bindparam("ids", expanding=True)))  # one statement for any number of ids: no per-id coercion
        return [Said(r.id, r.written_speaker or "", r.speaker_side, r.when)
                for part in chunks(ids) for r in conn.execute(some, {"ids": part})]
    unnamed = select(s.id, s.speaker_name, s.speaker_side, when).join(t.documents, d.id == s.doc_id).where(s.speaker_id.is_(None))
    return [Said(r.id, r.speaker_name, r.speaker_side, r.when) for r in conn.execute(unnamed)] + [
        Said(r.id, r.written_speaker or "", r.speaker_side, r.when) for r in conn.execute(tied)
    ]


def with_holders(conn: Connection, gaz: Gazetteer, quotes: list[Quote]) -> list[Quote]:
    """Return the quotes, those whose speaker is only a role given the one person who held it then (marked inferred)."""
    said = {q.id: Said(q.id, q.speaker, q.side, q.date) for q in quotes if q.speaker_id is None}
    said |= {x.id: x for x in role_only(conn, [q.id for q in quotes if q.speaker_id is not None and not q.speaker_inferred])}
    found = holders(conn, gaz, said.values())
    return [
        replace(q, speaker=h.holder, speaker_id=h.holder_id, side=q.side or h.side, speaker_inferred=True, speaker_role=said[q.id].words)
        if (h := found.get(q.id)) is not None else q
        for q in quotes
    ]


def spoken_by(conn: Connection, gaz: Gazetteer, speaker: str) -> list[str]:
    """Return the ids of the statements whose speaker is only a role held then by `speaker` (an entity id, or whole words of the name)."""
    words = f" {' '.join(speaker.lower().split())} "
    return [
        sid for sid, h in holders(conn, gaz, role_only(conn)).items()
        if h.holder_id == speaker or words in f" {' '.join(h.holder.lower().split())} "
    ]
