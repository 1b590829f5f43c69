"""One entity per real person, organization, place and country, across documents.

Within a document a bare surname joins the full name it repeats ("Bessent"
after "Scott Bessent"; "Li" after "Li Chenggang", whichever end the family
name sits at). Across documents identical full names merge, and spellings
that differ in one name part by a small edit ("Scott Bessentin" in a photo
caption) merge by a rapidfuzz ratio, the rarer spelling kept as an alias.
Candidates are blocked by shared name parts, so the cost stays linear in the
number of mentions for news-sized name sets.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import cast

from rapidfuzz import fuzz

from talktrack.model import Entity, EntityType, Mention, Span, Title
from talktrack.settings import Settings
from talktrack.spelling import misspelt


class _Sets:
    """Union-find over cluster indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def slug(text: str) -> str:
    """Return a lowercase, hyphenated form of `text` for entity ids."""
    return re.sub(r"[^\w]+", "-", text.lower()).strip("-") or "x"


def _parts(name: str) -> tuple[str, ...]:
    return tuple(name.split())


def name_keys(mention: Mention) -> set[str]:
    """Return the blocking keys of a mention: two mentions can only join one entity if they share a key.

    A person's keys are the parts of the name (step 2 and 3 of `cluster_people`
    compare only names sharing a part); any other entity's key is its
    gazetteer key or its name, whatever its type (places and organizations of
    one name are voted on together).
    """
    if mention.type == "person":
        return {f"p:{part.lower()}" for part in (*_parts(mention.name), *_parts(mention.key or ""))}
    return {f"n:{(mention.key or mention.name).lower()}"}


def resolve_entities(mentions: Iterable[Mention], settings: Settings) -> list[Entity]:
    """Return the entities the mentions refer to, each with all its mentions, aliases and titles."""
    groups: dict[tuple[str, str, str | None], list[Mention]] = defaultdict(list)
    people: list[Mention] = []
    for m in mentions:
        if m.type == "person":
            people.append(m)
        elif m.type == "organization" and m.key is None:
            groups[(m.type, m.name, m.country)].append(m)  # each side has its own "Foreign Ministry"
        else:
            groups[(m.type, m.key or m.name, None)].append(m)
    _adopt_sideless(groups)
    _vote_place_or_organization(groups)
    entities = [_entity(cast(EntityType, t), ms[0].key, ms) for (t, _, _), ms in groups.items()]
    entities += [_entity("person", None, ms) for ms in cluster_people(people, settings.fuzzy_name_threshold)]
    entities.sort(key=lambda e: (e.type, e.name))
    return entities


def _adopt_sideless(groups: dict[tuple[str, str, str | None], list[Mention]]) -> None:
    """Merge a side-less organization into the one same-named organization that has a side."""
    sided: dict[tuple[str, str], list[tuple[str, str, str | None]]] = defaultdict(list)
    for key in groups:
        if key[2] is not None:
            sided[key[:2]].append(key)
    for key in [k for k in groups if k[2] is None and k[0] == "organization"]:
        owners = sided.get(key[:2], [])
        if len(owners) == 1:
            groups[owners[0]].extend(groups.pop(key))


def _vote_place_or_organization(groups: dict[tuple[str, str, str | None], list[Mention]]) -> None:
    """Give a name the tagger calls both a place and an organization ("Oslo") its majority type.

    Gazetteer organizations and outlets (`key` set) are never re-typed.
    """
    places = {key[1]: key for key in groups if key[0] == "place"}
    for key in [k for k in groups if k[0] == "organization"]:
        place_key = places.get(key[1])
        if place_key is None or any(m.key for m in groups[key]):
            continue
        if len(groups[place_key]) >= len(groups[key]):
            groups[place_key].extend(
                Mention(m.doc_id, m.start, m.end, m.text, "place", m.name, None, m.country) for m in groups.pop(key)
            )


def cluster_people(mentions: list[Mention], threshold: float) -> list[list[Mention]]:
    """Return person mentions grouped by the real person they name."""
    # 1. within each document: full names by exact form, bare names to the full name they repeat
    clusters: list[list[Mention]] = []
    by_doc: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_doc[m.doc_id].append(m)
    short: list[tuple[int, Mention]] = []
    for doc_mentions in by_doc.values():
        index: dict[str, int] = {}
        for m in sorted(doc_mentions, key=lambda m: m.start):
            if m.key and m.key in index:
                clusters[index[m.key]].append(m)  # "X, alias Y": Y is X
            elif len(_parts(m.name)) >= 2:
                if m.name not in index:
                    index[m.name] = len(clusters)
                    clusters.append([])
                clusters[index[m.name]].append(m)
        doc_short: list[Mention] = []
        for m in sorted(doc_mentions, key=lambda m: m.start):
            if len(_parts(m.name)) >= 2 or m.key and m.key in index:
                continue
            target = _nearest_full_name(m, doc_mentions)
            if target is not None:
                clusters[index[target]].append(m)
            else:
                doc_short.append(m)
        for m in doc_short:
            short.append((len(clusters), m))
            clusters.append([m])
    # 2. across documents: identical or near-identical full names, blocked by shared name parts
    sets = _Sets(len(clusters))
    names = [_form(c) for c in clusters]
    first_with: dict[str, int] = {}
    for i, name in enumerate(names):  # identical names first: one union each, no pairwise work
        sets.union(first_with.setdefault(name, i), i)
    block: dict[str, list[str]] = defaultdict(list)
    for name in first_with:
        for part in _parts(name):
            block[part.lower()].append(name)
    for members in block.values():
        for a_pos, a in enumerate(members):
            for b in members[a_pos + 1 :]:
                if _same_person(a, b, threshold):
                    sets.union(first_with[a], first_with[b])
    # 3. a bare name with no full name in its document joins the one full name that contains it
    for i, m in short:
        candidates = {sets.find(first_with[n]) for n in block[m.name.lower()] if len(_parts(n)) >= 2}
        if len(candidates) == 1:
            sets.union(i, candidates.pop())
    merged: dict[int, list[Mention]] = defaultdict(list)
    for i, cluster in enumerate(clusters):
        merged[sets.find(i)].extend(cluster)
    return list(merged.values())


def _nearest_full_name(m: Mention, doc_mentions: list[Mention]) -> str | None:
    """Return the full name containing bare name `m`, preferring the latest one before it."""
    containing = [o for o in doc_mentions if len(_parts(o.name)) >= 2 and m.name in _parts(o.name)]
    if not containing:
        containing = [o for o in doc_mentions if len(_parts(o.name)) >= 2 and misspelt(m.name, _parts(o.name)[-1])]
        if len({o.name for o in containing}) != 1:
            return None  # a slip of one letter joins only when one full name can be meant
    before = [o for o in containing if o.start < m.start]
    return max(before, key=lambda o: o.start).name if before else containing[0].name


def _own_name(m: Mention) -> bool:
    """Return False for a person's other name ("alias Y"): it is an alias, never the entity's name."""
    return not m.key or m.key == m.name


def _form(cluster: list[Mention]) -> str:
    full = [m.name for m in cluster if len(_parts(m.name)) >= 2 and _own_name(m)]
    return Counter(full).most_common(1)[0][0] if full else cluster[0].name


def _same_person(a: str, b: str, threshold: float) -> bool:
    """Return True for the same full name, or one differing in a single part by a small edit."""
    pa, pb = _parts(a), _parts(b)
    if len(pa) < 2 or len(pb) < 2 or len(pa) != len(pb):
        return False
    differing = [(x, y) for x, y in zip(pa, pb) if x != y]
    if not differing:
        return True
    if len(differing) > 1:
        return False
    x, y = differing[0]
    shorter, longer = sorted((x, y), key=len)
    return len(shorter) >= 4 and (longer.startswith(shorter) or fuzz.ratio(x, y) >= threshold)


def _entity(kind: EntityType, key: str | None, mentions: list[Mention]) -> Entity:
    mentions = sorted(mentions, key=lambda m: (m.doc_id, m.start))
    name = mentions[0].name if kind == "country" else _canonical(kind, mentions)
    aliases: list[str] = []
    for m in mentions:
        form = m.name if kind != "organization" or m.key is None else _strip_det(m.text)
        if form != name and form not in aliases:
            aliases.append(form)
    countries = Counter(m.country for m in mentions if m.country)
    titles: list[Title] = []
    seen: set[tuple[str, str]] = set()
    for m in mentions:
        for t in m.titles:
            marker = (t.title.lower(), (t.organization or "").lower())
            if marker not in seen:
                seen.add(marker)
                titles.append(t)
    # "international trade representative" says less than the same title "with the Ministry of Commerce"
    placed = {t.title.lower() for t in titles if t.organization}
    titles = [t for t in titles if t.organization or t.title.lower() not in placed]
    prefix = {"person": "person", "organization": "org", "place": "place", "country": "country", "group": "group"}[kind]
    country = countries.most_common(1)[0][0] if countries else None
    ident = f"{prefix}:{slug(key if kind == 'country' and key else name)}"
    if kind == "organization" and key is None and country:
        ident += f"-{country.lower()}"  # the US and the Chinese "Foreign Ministry" are two entities
    return Entity(
        id=ident,
        name=name,
        type=kind,
        aliases=aliases,
        country=country,
        titles=titles,
        mentions=[Span(m.doc_id, m.start, m.end) for m in mentions],
    )


def _strip_det(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text).strip()


def _canonical(kind: str, mentions: list[Mention]) -> str:
    """Return the name most mentions support: for people, the full form that bare names repeat most."""
    if kind != "person":
        return Counter(m.name for m in mentions).most_common(1)[0][0]
    full = Counter(m.name for m in mentions if len(_parts(m.name)) >= 2 and _own_name(m))
    if not full:
        return Counter(m.name for m in mentions).most_common(1)[0][0]
    bare = [m.name for m in mentions if len(_parts(m.name)) < 2]

    def support(form: str) -> tuple[int, int, int]:
        return (full[form] + sum(1 for b in bare if b in _parts(form)), -len(form), 0)

    return max(full, key=support)
